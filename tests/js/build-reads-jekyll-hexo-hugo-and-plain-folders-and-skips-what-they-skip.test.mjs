// What `folio build` reads from a folder (README, "What build reads"): the posts of a Jekyll,
// Hexo or Hugo site, or every Markdown file of a plain folder; never hidden folders,
// node_modules/, _site/ or a site's other pages; drafts folders and Hugo list pages only on
// request, reported otherwise.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli, writeTree } from '../support/cli.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-layouts-'));
const post = (title) => `---\ntitle: ${title}\n---\n${title} body\n`;

function build(dir, ...flags) {
  const site = path.join(work, `site-${path.basename(dir)}`);
  const reportPath = path.join(work, `report-${path.basename(dir)}.json`);
  const result = runCli(['build', dir, '-o', site, '--report', reportPath, ...flags]);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const corpus = JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8'));
  const inside = (s) => path.relative(dir, s.source);
  return {
    report,
    corpus,
    read: report.articles.map(inside).sort(),
    skipped: report.skipped.map((s) => [inside(s), s.code]).sort(),
  };
}

test('a Jekyll site: every _posts folder; _drafts only with --drafts; pages and _site never', () => {
  const dir = writeTree(path.join(work, 'jekyll'), {
    '_config.yml': 'title: blog\n',
    '_posts/2020-01-01-first.md': post('First'),
    'travel/_posts/2020-02-01-trip.md': post('Trip'),
    '_drafts/idea.md': post('Idea'),
    'about.md': post('About page'),
    'index.md': post('Home page'),
    '_site/2020-01-01-first.md': post('Generated copy'),
    'node_modules/pkg/readme.md': post('Package'),
    '.git/notes.md': post('Git'),
  });
  const plain = build(dir);
  assert.deepEqual(plain.report.inputs, [{ path: dir, layout: 'jekyll', read: ['.'] }]);
  assert.deepEqual(plain.read, ['_posts/2020-01-01-first.md', 'travel/_posts/2020-02-01-trip.md']);
  assert.deepEqual(plain.skipped, [['_drafts/idea.md', 'article.draft']]);
  const drafts = build(dir, '--drafts');
  assert.deepEqual(drafts.read, ['_drafts/idea.md', '_posts/2020-01-01-first.md', 'travel/_posts/2020-02-01-trip.md']);
  assert.equal(drafts.corpus.articles.find((a) => a.title === 'Idea').draft, true, 'a draft by its folder');
});

test('a Hexo site: source/_posts, and source/_drafts with --drafts', () => {
  const dir = writeTree(path.join(work, 'hexo'), {
    '_config.yml': 'title: blog\n',
    'source/_posts/hello.md': post('Hello'),
    'source/_posts/2021/deep.md': post('Deep'),
    'source/_drafts/later.md': post('Later'),
    'source/about/index.md': post('About page'),
    'themes/landscape/README.md': post('Theme readme'),
    'public/hello/index.md': post('Generated'),
  });
  const { report, read, skipped } = build(dir);
  assert.deepEqual(report.inputs, [{ path: dir, layout: 'hexo', read: ['source/_posts', 'source/_drafts'] }]);
  assert.deepEqual(read, ['source/_posts/2021/deep.md', 'source/_posts/hello.md']);
  assert.deepEqual(skipped, [['source/_drafts/later.md', 'article.draft']]);
});

test('a Hugo site: content/ only; _index.md list pages only with --list-pages; bundles are articles', () => {
  const dir = writeTree(path.join(work, 'hugo'), {
    'hugo.toml': 'title = "site"\n',
    'README.md': post('Readme'),
    'content/_index.md': post('Home'),
    'content/posts/_index.md': post('Posts'),
    'content/posts/one.md': post('One'),
    'content/posts/bundle/index.md': post('Bundle'),
    'content/posts/.hidden.md': post('Hidden'),
    'themes/t/content/demo.md': post('Theme demo'),
  });
  const plain = build(dir);
  assert.deepEqual(plain.report.inputs, [{ path: dir, layout: 'hugo', read: ['content'] }]);
  assert.deepEqual(plain.read, ['content/posts/bundle/index.md', 'content/posts/one.md']);
  assert.deepEqual(plain.skipped, [['content/_index.md', 'input.list_page'], ['content/posts/_index.md', 'input.list_page']]);
  assert.deepEqual(plain.corpus.articles.map((a) => a.id).sort(), ['bundle', 'one']);
  assert.equal(plain.report.counts.list_pages, 2);
  const all = build(dir, '--list-pages');
  assert.deepEqual(all.read, ['content/_index.md', 'content/posts/_index.md', 'content/posts/bundle/index.md', 'content/posts/one.md']);
});

test('a plain folder: every Markdown file but hidden ones, node_modules/ and drafts/', () => {
  const dir = writeTree(path.join(work, 'notes'), {
    'a.md': post('A'),
    'sub/b.markdown': post('B'),
    'sub/deeper/c.mdown': post('C'),
    'drafts/d.md': post('D'),
    '.obsidian/e.md': post('E'),
    'node_modules/f.md': post('F'),
    '.g.md': post('G'),
    'notes.txt': 'not Markdown',
  });
  const { report, read, skipped } = build(dir);
  assert.deepEqual(report.inputs, [{ path: dir, layout: 'folder', read: ['.'] }]);
  assert.deepEqual(read, ['a.md', 'sub/b.markdown', 'sub/deeper/c.mdown']);
  assert.deepEqual(skipped, [['drafts/d.md', 'article.draft']]);
  assert.equal(report.counts.files, 4, 'files found, the draft included');
});

test('the same article read twice is kept once and reported; empty stubs are never duplicates', () => {
  const dir = writeTree(path.join(work, 'dups'), {
    'a.md': '---\ntitle: Same\ndate: 2020-01-01\n---\nThe very same text.\n',
    'b.md': '---\ntitle: Same\ndate: 2020-01-01\nslug: other\n---\nThe very same text.\n',
    'c.md': '---\ntitle: Stub\nredirect: https://a.example/\n---\n',
    'd.md': '---\ntitle: Stub\nredirect: https://b.example/\n---\n',
  });
  const { report, read, skipped } = build(dir);
  assert.deepEqual(read, ['a.md', 'c.md', 'd.md']);
  assert.deepEqual(skipped, [['b.md', 'article.duplicate']]);
  assert.match(report.skipped[0].message, /a\.md/);
  assert.equal(report.counts.duplicates, 1);
});

test('a file given twice (directly and inside its folder) is one article', () => {
  const dir = writeTree(path.join(work, 'twice'), { 'x.md': post('X'), 'y.md': post('Y') });
  const site = path.join(work, 'site-twice');
  const reportPath = path.join(work, 'report-twice.json');
  const result = runCli(['build', dir, path.join(dir, 'x.md'), '-o', site, '--report', reportPath]);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  assert.equal(report.counts.articles, 2);
  assert.equal(report.counts.duplicates, 1);
});

test('an input that does not exist stops the build before anything is written (exit 1)', () => {
  const site = path.join(work, 'site-missing');
  const result = runCli(['build', path.join(work, 'no-such-folder'), '-o', site]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /no-such-folder:0:0: io\.unreadable: /);
  assert.throws(() => readFileSync(path.join(site, 'corpus.json')));
});
