// folio.js (WASM in Node, reading folio-index.bin) gives byte-identical search answers to
// `folio search --json` (native) on a real Chinese corpus: same hits, snippets, facets and the
// same scores to the last bit (no libm in ranking), and the same answers when the browser
// builds the index itself or is handed a damaged one.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.mjs';
import { loadFolioModule, required, sharedDir, wasmBinary } from '../support/env.mjs';

const corpusDir = required(path.join(sharedDir, 'corpora/zh-yihui'), 'the shared corpora must sit at ../shared');
const site = path.join(mkdtempSync(path.join(tmpdir(), 'folio-zh-')), 'site');
const built = runCli(['build', corpusDir, '-o', site]);
assert.equal(built.status, 0, built.stderr);

const { createFolio } = await loadFolioModule();
const corpus = readFileSync(path.join(site, 'corpus.json'), 'utf8');
const index = readFileSync(path.join(site, 'folio-index.bin'));
const binary = wasmBinary();
const fromFile = await createFolio({ corpus, index, wasmBinary: binary });
const builtHere = await createFolio({ corpus, index: false, wasmBinary: binary });

// Deterministic queries cut from the corpus (2-7 characters), plus the syntax's features.
const articles = JSON.parse(corpus).articles;
const queries = ['统计', '谢益辉', 'R语言', 'knitr', 'Markdown 中文', '"R Markdown"', '统计 -R', 'year:2010..2012 博客',
  'author:谢益辉', '運營', 'ＲＳｔｕｄｉｏ', '的', '一'];
for (let i = 0; queries.length < 40; i += 37) {
  const body = articles[(i * 7919) % articles.length].markdown.replace(/[\s"\-:*#`[\]()!>|_]/g, '');
  if (body.length < 20) continue;
  const at = (i * 104729) % (body.length - 8);
  queries.push(body.slice(at, at + 2 + (i % 6)));
}

test('the index file was used, and the built index gives the same bytes of answers', () => {
  assert.equal(fromFile.indexSource, 'file');
  assert.equal(builtHere.indexSource, 'built');
  assert.deepEqual(fromFile.diagnostics, []);
});

for (const query of queries) {
  test(`search ${JSON.stringify(query)} in WASM equals folio search --json`, () => {
    const native = runCli(['search', site, query, '--json', '--limit', '30']);
    assert.equal(native.status, 0, native.stderr);
    const expected = JSON.parse(native.stdout);
    assert.deepEqual(fromFile.search(query, { limit: 30 }), expected);
    assert.deepEqual(builtHere.search(query, { limit: 30 }), expected);
  });
}

test('sorting, paging and prefix mode agree with the CLI flags', () => {
  for (const [flags, options] of [
    [['--sort', 'newest', '--offset', '5', '--limit', '7'], { sort: 'newest', offset: 5, limit: 7 }],
    [['--sort', 'oldest'], { sort: 'oldest' }],
    [['--prefix'], { prefix: true }],
    [['--no-snippets'], { snippets: false }],
  ]) {
    const native = runCli(['search', site, '统计 mark', '--json', ...flags]);
    assert.equal(native.status, 0, native.stderr);
    assert.deepEqual(fromFile.search('统计 mark', options), JSON.parse(native.stdout), flags.join(' '));
  }
});

// English stemming: a site built with --stem english (the index header's flag and corpus.json
// say so, and the index the module builds itself says so too), and per-query overrides.
test('a stemmed site and --stem/--no-stem answer alike natively and in WASM', async () => {
  const stemmedSite = path.join(path.dirname(site), 'stemmed');
  const build = runCli(['build', corpusDir, '-o', stemmedSite, '--stem', 'english']);
  assert.equal(build.status, 0, build.stderr);
  const stemmedCorpus = readFileSync(path.join(stemmedSite, 'corpus.json'), 'utf8');
  const stemmedIndex = readFileSync(path.join(stemmedSite, 'folio-index.bin'));
  const stemmedFile = await createFolio({ corpus: stemmedCorpus, index: stemmedIndex, wasmBinary: binary });
  const stemmedBuilt = await createFolio({ corpus: stemmedCorpus, index: false, wasmBinary: binary });
  assert.equal(stemmedFile.indexSource, 'file');
  let widened = 0;
  for (const query of ['packages', 'using 统计', 'documents', 'running', '"packages"', 'knitr', 'graphics -plots']) {
    const native = runCli(['search', stemmedSite, query, '--json', '--limit', '30']);
    assert.equal(native.status, 0, native.stderr);
    const expected = JSON.parse(native.stdout);
    assert.deepEqual(stemmedFile.search(query, { limit: 30 }), expected, query);
    assert.deepEqual(stemmedBuilt.search(query, { limit: 30 }), expected, query);
    // The plain site, stemmed per query, answers the same; unstemmed it finds no more.
    assert.deepEqual(fromFile.search(query, { limit: 30, stem: true }), expected, query);
    const exact = runCli(['search', stemmedSite, query, '--json', '--limit', '30', '--no-stem']);
    assert.deepEqual(stemmedFile.search(query, { limit: 30, stem: false }), JSON.parse(exact.stdout), query);
    assert.deepEqual(fromFile.search(query, { limit: 30 }), JSON.parse(exact.stdout), query);
    if (expected.total > JSON.parse(exact.stdout).total) widened += 1;
  }
  assert.ok(widened >= 3, `stemming found more for only ${widened} queries`);
  stemmedFile.close();
  stemmedBuilt.close();
});

test('a damaged index is reported as index.corrupt and the built one answers instead', async () => {
  const damaged = Uint8Array.from(index);
  damaged[damaged.length - 3] ^= 0xff;
  const folio = await createFolio({ corpus, index: damaged, wasmBinary: binary });
  assert.equal(folio.indexSource, 'built');
  assert.deepEqual(folio.diagnostics.map((d) => d.code), ['index.corrupt']);
  assert.deepEqual(folio.search('统计', { limit: 5 }), fromFile.search('统计', { limit: 5 }));
  folio.close();
});

test('an index of other articles is reported as index.stale and not used', async () => {
  const other = JSON.parse(corpus);
  other.articles = other.articles.slice(1);
  const folio = await createFolio({ corpus: other, index, wasmBinary: binary });
  assert.equal(folio.indexSource, 'built');
  assert.deepEqual(folio.diagnostics.map((d) => d.code), ['index.stale']);
  folio.close();
});
