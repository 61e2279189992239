// The site's settings (title, language, time zone, base URL for images, drafts, where to write)
// come from folio.yaml and from flags, and a flag wins over the file.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli, writeTree } from '../support/cli.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-settings-'));
const posts = writeTree(path.join(work, 'posts'), {
  'a.md': '---\ntitle: A\ndate: 2013-07-15 18:10\n---\n![chart](img/chart.png) and [notes](notes.html)\n',
  'b.md': '---\ntitle: B\ndraft: true\n---\nDraft.\n',
});
const read = (site, name) => readFileSync(path.join(site, name), 'utf8');

test('folio.yaml sets title, language, zone, base URL, drafts and the output folder', () => {
  writeFileSync(path.join(posts, 'folio.yaml'), [
    'title: "Notes & <Essays>"',
    'lang: zh-Hant',
    'timezone: Asia/Shanghai',
    'base_url: https://example.org/blog/',
    'cjk_emphasis: true',
    'drafts: true',
    'output: ../from-yaml',
    '',
  ].join('\n'));
  const result = runCli(['build', posts]);
  assert.equal(result.status, 0, result.stderr);
  const site = path.join(work, 'from-yaml');
  const corpus = JSON.parse(read(site, 'corpus.json'));
  assert.deepEqual(corpus.site, { title: 'Notes & <Essays>', lang: 'zh-Hant' });
  assert.deepEqual(corpus.render, { baseUrl: 'https://example.org/blog/', cjkEmphasis: true });
  assert.equal(corpus.articles.find((a) => a.title === 'A').date, '2013-07-15T18:10:00+08:00');
  assert.ok(corpus.articles.some((a) => a.title === 'B' && a.draft), 'drafts: true');
  const html = read(site, 'index.html');
  assert.match(html, /<title>Notes &amp; &lt;Essays&gt;<\/title>/);
  assert.match(html, /<html lang="zh-Hant"/);
});

test('flags win over folio.yaml', () => {
  const site = path.join(work, 'from-flags');
  const result = runCli(['build', posts, '-o', site, '--title', 'Flag title', '--lang', 'en',
    '--timezone', 'UTC', '--base-url', 'https://cdn.example.com/']);
  assert.equal(result.status, 0, result.stderr);
  const corpus = JSON.parse(read(site, 'corpus.json'));
  assert.deepEqual(corpus.site, { title: 'Flag title', lang: 'en' });
  assert.deepEqual(corpus.render, { baseUrl: 'https://cdn.example.com/', cjkEmphasis: true }, 'cjk_emphasis from the file');
  assert.equal(corpus.articles.find((a) => a.title === 'A').date, '2013-07-15T18:10:00+00:00');
});

test('--config reads another file; its paths are relative to it', () => {
  const config = path.join(work, 'elsewhere', 'site.yaml');
  writeTree(path.dirname(config), { 'site.yaml': 'title: Elsewhere\noutput: out\n' });
  const result = runCli(['build', posts, '--config', config]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(JSON.parse(read(path.join(work, 'elsewhere', 'out'), 'corpus.json')).site.title, 'Elsewhere');
});

test('a bad value in folio.yaml stops the build with its place (exit 2); an unknown key warns', () => {
  const dir = writeTree(path.join(work, 'bad'), { 'a.md': '# A\n', 'folio.yaml': 'title: [1, 2]\n' });
  const bad = runCli(['build', dir, '-o', path.join(work, 'bad-site')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /folio\.yaml:1:8: config\.value: /);
  writeFileSync(path.join(dir, 'folio.yaml'), 'base_url: ftp://x\n');
  assert.equal(runCli(['build', dir, '-o', path.join(work, 'bad-site')]).status, 2);
  writeFileSync(path.join(dir, 'folio.yaml'), 'drafts: maybe\n');
  assert.match(runCli(['build', dir, '-o', path.join(work, 'bad-site')]).stderr, /config\.value: 'drafts' must be true or false/);
  writeFileSync(path.join(dir, 'folio.yaml'), 'titel: typo\n');
  const unknown = runCli(['build', dir, '-o', path.join(work, 'bad-site')]);
  assert.equal(unknown.status, 0, unknown.stderr);
  assert.match(unknown.stderr, /folio\.yaml:1:1: config\.unknown_key: unknown key 'titel'/);
});

test('--base-url must be an absolute http(s) URL (exit 2)', () => {
  for (const url of ['example.org', 'javascript:alert(1)', '/relative/']) {
    assert.equal(runCli(['build', posts, '-o', path.join(work, 'x'), '--base-url', url]).status, 2, url);
  }
});

test('build needs somewhere to write (exit 2)', () => {
  const dir = writeTree(path.join(work, 'nowhere'), { 'a.md': '# A\n' });
  const result = runCli(['build', dir]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /-o <site folder> or --single-file/);
});

test('the base URL resolves relative images and links, in `folio show` and in folio.js alike', async () => {
  const site = path.join(work, 'from-flags');
  const corpus = JSON.parse(read(site, 'corpus.json'));
  const id = corpus.articles.find((a) => a.title === 'A').id;
  const shown = runCli(['show', site, id]);
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /<img src="https:\/\/cdn\.example\.com\/img\/chart\.png"/);
  assert.match(shown.stdout, /href="https:\/\/cdn\.example\.com\/notes\.html"/);
  const { loadFolioModule, wasmBinary } = await import('../support/env.mjs');
  const { createFolio } = await loadFolioModule();
  const folio = await createFolio({ corpus: read(site, 'corpus.json'), wasmBinary: wasmBinary() });
  assert.deepEqual(folio.site(), { title: 'Flag title', lang: 'en' });
  assert.equal(folio.render(id), shown.stdout);
  folio.close();
});
