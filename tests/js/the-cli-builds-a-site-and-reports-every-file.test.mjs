// build/native/bin/folio: the site it writes, its --report, and its exit codes.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.mjs';
import { sourceDir } from '../support/env.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-cli-'));

test('build writes corpus.json, the shell and the WASM runtime, and reports sources as given', () => {
  const posts = path.join(work, 'posts');
  mkdirSync(posts);
  writeFileSync(path.join(posts, '2020-01-01-good.md'), '---\ntitle: 好文章\n---\n正文\n');
  writeFileSync(path.join(posts, 'broken.md'), '---\ntitle: [oops\n---\n');
  writeFileSync(path.join(posts, 'unclosed.md'), '---\ntitle: x\n');
  writeFileSync(path.join(posts, 'notes.txt'), 'not markdown, not read');
  const site = path.join(work, 'site');
  const report = path.join(work, 'report.json');
  const seed = path.join(sourceDir, 'assets/posts/000_d82bcb224086c429.md');
  const result = runCli(['build', posts, seed, '-o', site, '--report', report]);
  assert.equal(result.status, 0, result.stderr);
  for (const file of ['corpus.json', 'folio-index.bin', 'index.html', 'folio.js', 'folio-core.js', 'folio-core.wasm']) {
    assert.ok(existsSync(path.join(site, file)), file);
  }
  // folio-site and folio-render serve only sharded sites; one corpus.json never loads them.
  for (const file of ['folio-site.js', 'folio-site.wasm', 'folio-render.js', 'folio-render.wasm']) {
    assert.ok(!existsSync(path.join(site, file)), file);
  }
  assert.match(readFileSync(path.join(site, 'index.html'), 'utf8'), /<folio-viewer layout="single"/);
  const corpus = JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8'));
  assert.equal(corpus.format, 'folio-corpus');
  assert.equal(corpus.version, 2);
  assert.deepEqual(corpus.articles.map((a) => a.id), ['good', '17254']);
  const seedEntry = corpus.articles[1];
  for (const key of ['id', 'title', 'author', 'date', 'url', 'markdown']) assert.ok(seedEntry[key], key);

  const r = JSON.parse(readFileSync(report, 'utf8'));
  assert.deepEqual(r.articles.map((a) => a.source), [`${posts}/2020-01-01-good.md`, seed]);
  assert.deepEqual(r.skipped.map((s) => [s.source, s.code]),
    [[`${posts}/broken.md`, 'front_matter.syntax'], [`${posts}/unclosed.md`, 'front_matter.unterminated']]);
  for (const s of r.skipped) {
    assert.ok(s.line >= 1 && s.column >= 1 && s.message, JSON.stringify(s));
    assert.match(result.stderr, new RegExp(`${s.source.replaceAll('/', '\\/')}:${s.line}:${s.column}: ${s.code}: `));
  }
});

test('build with no input is a usage error (exit 2)', () => {
  const result = runCli(['build', '-o', path.join(work, 'nothing')]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /no input/);
});

test('an unknown command or option is a usage error (exit 2)', () => {
  assert.equal(runCli(['frobnicate']).status, 2);
  assert.equal(runCli(['build', 'x', '-o', 'y', '--bogus']).status, 2);
  assert.equal(runCli(['search', 'site', 'q', '--limit', 'ten']).status, 2);
});

test('every command answers --help with exit 0', () => {
  for (const command of ['build', 'check', 'render', 'show', 'search']) {
    const result = runCli([command, '--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /usage: folio/);
  }
});

test('render - reads Markdown from stdin and escapes raw HTML', () => {
  const result = runCli(['render', '-'], { input: '# 标题\n\n<script>alert(1)</script>\n' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '<h1 id="标题">标题</h1>\n&lt;script&gt;alert(1)&lt;/script&gt;\n');
});

test('render --trusted - writes raw HTML as CommonMark says, --json adds the table of contents', () => {
  const trusted = runCli(['render', '--trusted', '-'], { input: '<script>alert(1)</script>\n' });
  assert.equal(trusted.status, 0, trusted.stderr);
  assert.equal(trusted.stdout, '<script>alert(1)</script>\n');
  const json = runCli(['render', '--json', '-'], { input: '# 一\n\n## 二\n' });
  assert.equal(json.status, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout).toc, [
    { level: 1, id: '一', text: '一' },
    { level: 2, id: '二', text: '二' },
  ]);
});

test('render refuses a base URL that is not absolute http(s) and bytes that are not UTF-8', () => {
  const base = runCli(['render', '--base-url', 'javascript:alert(1)//', '-'], { input: 'x' });
  assert.equal(base.status, 2);
  assert.match(base.stderr, /--base-url needs an absolute http\(s\) URL/);
  const bytes = runCli(['render', '--no-front-matter', '-'], { input: Buffer.from([0x61, 0x0a, 0xff]) });
  assert.equal(bytes.status, 1);
  assert.match(bytes.stderr, /^-:2:1: utf8\.invalid:/);
});

test('show and search on a missing site fail with exit 1 and say why', () => {
  const missing = path.join(work, 'no-site');
  for (const args of [['show', missing, 'x'], ['search', missing, 'x']]) {
    const result = runCli(args);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /io\.unreadable/);
  }
});

test('the seed built in Beijing time has its author, date and url, and its text once', () => {
  const site = path.join(work, 'seed-site');
  const seed = path.join(sourceDir, 'assets/posts/000_d82bcb224086c429.md');
  const report = path.join(work, 'seed-report.json');
  const result = runCli(['build', seed, '-o', site, '--timezone', '+08:00', '--report', report]);
  assert.equal(result.status, 0, result.stderr);
  const [article] = JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8')).articles;
  assert.equal(article.author, 'mickeyknox');
  assert.equal(article.date, '2013-07-15T18:10:00+08:00');
  assert.equal(article.url, 'https://www.huxiu.com/article/17254');
  assert.equal(JSON.parse(readFileSync(report, 'utf8')).counts.dropped_paragraphs, 1);
  const shown = runCli(['show', site, '17254']);
  assert.equal(shown.status, 0, shown.stderr);
  const sentence = '然而作者认为，运营商和微信之间，存在着天然的、不可调和的矛盾';
  assert.equal(shown.stdout.split(sentence).length - 1, 1, 'the article text appears once');
});

test('--timezone takes IANA names, and folio.yaml sets the corpus zone', () => {
  const posts = path.join(work, 'zoned');
  mkdirSync(posts);
  writeFileSync(path.join(posts, 'a.md'), '---\ndate: 2013-07-15 18:10\n---\nx\n');
  const site = path.join(work, 'zoned-site');
  const dateWith = (args) => {
    const result = runCli(['build', posts, '-o', site, ...args]);
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8')).articles[0].date;
  };
  assert.equal(dateWith([]), '2013-07-15T18:10:00+00:00');
  assert.equal(dateWith(['--timezone', 'America/New_York']), '2013-07-15T18:10:00-04:00');
  writeFileSync(path.join(posts, 'folio.yaml'), 'timezone: Asia/Shanghai\n');
  assert.equal(dateWith([]), '2013-07-15T18:10:00+08:00');
  assert.equal(dateWith(['--timezone', 'UTC']), '2013-07-15T18:10:00+00:00', 'the flag wins');
  const bad = runCli(['build', posts, '-o', site, '--timezone', 'Mars/Base']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /Mars\/Base/);
  writeFileSync(path.join(posts, 'folio.yaml'), 'timezone: Nowhere/City\n');
  const badConfig = runCli(['build', posts, '-o', site]);
  assert.equal(badConfig.status, 2);
  assert.match(badConfig.stderr, /folio\.yaml:1:\d+: config\.timezone: /);
});

// tests/broken/: one file per kind of bad input (its name says the expected outcome: good-,
// warn- load; error- is skipped; note- is a draft left out). A huge file is made here, sparse,
// rather than committed.
test('a file name that is not UTF-8 is skipped with utf8.invalid, and the other articles are built', () => {
  // A Latin-1 name ("caf\xe9.md") stopped the whole build with an internal error: the name became
  // the article's id and source, which corpus.json and --report cannot hold.
  const posts = path.join(work, 'latin1-names');
  mkdirSync(posts);
  writeFileSync(path.join(posts, '2020-01-01-good.md'), '---\ntitle: good\n---\nbody\n');
  const latin1 = Buffer.concat([Buffer.from(`${posts}/caf`), Buffer.from([0xe9]), Buffer.from('.md')]);
  writeFileSync(latin1, '---\ntitle: café\n---\nbody\n');
  const site = path.join(work, 'latin1-site');
  const report = path.join(work, 'latin1-report.json');
  const result = runCli(['build', posts, '-o', site, '--report', report]);
  assert.equal(result.status, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /internal error/);
  const r = JSON.parse(readFileSync(report, 'utf8'));
  assert.deepEqual(r.articles.map((a) => path.basename(a.source)), ['2020-01-01-good.md']);
  assert.deepEqual(r.skipped.map((s) => [path.basename(s.source), s.code]), [['caf\ufffd.md', 'utf8.invalid']]);
  assert.match(r.skipped[0].message, /name is not valid UTF-8/);
  const corpus = JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8'));
  assert.deepEqual(corpus.articles.map((a) => a.id), ['good']);
});

test('an article cannot put terminal escapes on the user\'s terminal through a warning, a name or a search hit', () => {
  const posts = path.join(work, 'terminal-escapes');
  mkdirSync(posts);
  // YAML's "\e" is ESC: a duplicated key is quoted in its warning; "\u202e" reverses the name.
  writeFileSync(path.join(posts, 'evil\u202egpj.md'),
    '---\n"k\\e]0;pwned\\a": 1\n"k\\e]0;pwned\\a": 2\ntitle: "red \\e[31m alert"\n---\nbody text\n');
  const site = path.join(work, 'terminal-site');
  const built = runCli(['build', posts, '-o', site, '--verbose']);
  assert.equal(built.status, 0, built.stderr);
  assert.match(built.stderr, /evil\\u202egpj\.md:3:1: front_matter\.duplicate_key: 'k\\x1b\]0;pwned\\x07'/);
  const found = runCli(['search', site, 'alert']);
  assert.equal(found.status, 0, found.stderr);
  assert.match(found.stdout, /red \\x1b\[31m alert/);
  for (const text of [built.stdout, built.stderr, found.stdout, found.stderr]) {
    assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]/u, JSON.stringify(text));
  }
});

test('a folder of broken files: every good file loads, every bad one is reported, exit codes', () => {
  const broken = path.join(work, 'broken');
  mkdirSync(broken);
  const names = readdirSync(path.join(sourceDir, 'tests/broken'));
  for (const name of names) {
    writeFileSync(path.join(broken, name), readFileSync(path.join(sourceDir, 'tests/broken', name)));
  }
  writeFileSync(path.join(broken, 'error-huge.md'), '---\ntitle: huge\n---\n');
  truncateSync(path.join(broken, 'error-huge.md'), 64 * 1024 * 1024);
  const site = path.join(work, 'broken-site');
  const report = path.join(work, 'broken-report.json');
  const result = runCli(['build', broken, '-o', site, '--report', report]);
  assert.equal(result.status, 0, 'the site was written: skips are reported, not fatal');
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const markdown = readdirSync(broken).filter((n) => n.endsWith('.md')).sort();
  const base = (s) => path.basename(s.source);
  const loaded = r.articles.map(base).sort();
  const skipped = r.skipped.map(base).sort();
  assert.deepEqual([...loaded, ...skipped].sort(), markdown, 'every file is accounted for once');
  assert.deepEqual(loaded, markdown.filter((n) => /^(good|warn)-/.test(n)));
  assert.deepEqual(skipped, markdown.filter((n) => /^(error|note)-/.test(n)));
  const warned = new Set(r.warnings.map(base));
  for (const name of markdown.filter((n) => n.startsWith('warn-'))) {
    assert.ok(warned.has(name) || name === 'warn-duplicate-id-a.md', `${name} has a warning`);
  }
  // Errors and warnings are printed; notes (the draft left out) only with --verbose, since the
  // summary counts them.
  for (const d of [...r.skipped, ...r.warnings]) {
    assert.match(d.code, /^[a-z0-9_]+\.[a-z0-9_]+$/, JSON.stringify(d));
    assert.ok(d.message.length > 0);
    const line = `${d.source}:${d.line}:${d.column}: ${d.code}: `;
    assert.equal(result.stderr.includes(line), d.severity !== 'note', line);
  }
  const verbose = runCli(['build', broken, '-o', site, '--verbose']);
  assert.match(verbose.stderr, /note-draft\.md:0:0: article\.draft: /);
  const code = (name) => r.skipped.find((d) => base(d) === name).code;
  assert.equal(code('error-huge.md'), 'input.too_large');
  assert.equal(code('error-alias-bomb.md'), 'front_matter.too_many_values');
  assert.equal(code('error-nul-byte.md'), 'input.binary');
  assert.equal(code('error-invalid-utf8.md'), 'utf8.invalid');
  assert.equal(code('note-draft.md'), 'article.draft');
  assert.equal(r.counts.files, markdown.length);
  assert.equal(r.counts.articles + r.counts.skipped, markdown.length);

  assert.equal(runCli(['build', broken, '-o', site, '--strict']).status, 1, '--strict: skips fail');
  const withDrafts = JSON.parse(readFileSync(report, 'utf8'));
  assert.ok(withDrafts);
  const drafts = runCli(['build', path.join(broken, 'note-draft.md'), '-o', site, '--drafts', '--strict']);
  assert.equal(drafts.status, 0, drafts.stderr);
  const good = runCli(['build', path.join(broken, 'good-jekyll.md'), '-o', site, '--strict']);
  assert.equal(good.status, 0, good.stderr);
  assert.equal(runCli(['build', path.join(broken, 'warn-utf16le.md'), '-o', site, '--strict']).status, 1,
    '--strict: warnings fail too');
  assert.equal(runCli(['build', broken, '-o', site, '--timezone']).status, 2);
});
