// `folio build --base-url --cjk-emphasis` records how the site renders (corpus.json "render");
// folio.js and `folio show` follow it, and createFolio({ render }) can override it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../support/cli.mjs';
import { loadFolioModule, wasmBinary } from '../support/env.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-base-url-'));
after(() => rmSync(work, { recursive: true, force: true }));
const posts = path.join(work, 'posts');
mkdirSync(posts);
writeFileSync(path.join(posts, 'post.md'), '---\nid: p\ntitle: 图\n---\n\n**真，**她 ![图](images/a.png) [上一篇](../old/)\n');
const site = path.join(work, 'site');
const built = runCli(['build', posts, '-o', site, '--base-url', 'https://example.com/blog/2024/', '--cjk-emphasis']);
assert.equal(built.status, 0, built.stderr);
const corpus = readFileSync(path.join(site, 'corpus.json'), 'utf8');
const { createFolio } = await loadFolioModule();

const expected = '<p><strong>真，</strong>她 <img src="https://example.com/blog/2024/images/a.png" alt="图" loading="lazy"> ' +
  '<a href="https://example.com/blog/old/" rel="noopener noreferrer">上一篇</a></p>\n';

test('corpus.json records the render settings and folio show follows them', () => {
  assert.deepEqual(JSON.parse(corpus).render, { baseUrl: 'https://example.com/blog/2024/', cjkEmphasis: true });
  const shown = runCli(['show', site, 'p']);
  assert.equal(shown.status, 0, shown.stderr);
  assert.equal(shown.stdout, expected);
});

test('folio.js renders the articles with the corpus settings, and createFolio({ render }) overrides them', async () => {
  const folio = await createFolio({ corpus, wasmBinary: wasmBinary(), index: false });
  assert.equal(folio.render('p'), expected);
  assert.equal(folio.renderArticle('p').html, expected);
  folio.close();
  const plain = await createFolio({ corpus, wasmBinary: wasmBinary(), index: false, render: { cjkEmphasis: false, baseUrl: 'https://other.example/' } });
  assert.equal(plain.render('p'), '<p>**真，**她 <img src="https://other.example/images/a.png" alt="图" loading="lazy"> ' +
    '<a href="https://other.example/old/" rel="noopener noreferrer">上一篇</a></p>\n');
  plain.close();
});

test('folio build refuses a base URL that is not absolute http(s)', () => {
  const result = runCli(['build', posts, '-o', path.join(work, 'bad'), '--base-url', '/relative/']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--base-url needs an absolute http\(s\) URL/);
});
