// folio.js (WASM in Node) gives the same answers as build/native/bin/folio for the sample site.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.mjs';
import { loadFolioModule, testSite, wasmBinary } from '../support/env.mjs';

const { createFolio, FolioError } = await loadFolioModule();
const corpus = readFileSync(path.join(testSite, 'corpus.json'), 'utf8');
const folio = await createFolio({ corpus, wasmBinary: wasmBinary() });

test('the seed is in the corpus with its Jekyll fields', () => {
  const seed = folio.article('17254');
  assert.equal(seed.title, '“OTT破冰”是个伪命题，运营商与微信矛盾不可调和');
  assert.equal(seed.author, 'mickeyknox');
  assert.equal(seed.url, 'https://www.huxiu.com/article/17254');
  assert.ok(folio.articles().some((a) => a.id === '17254'));
});

test('the sample corpus is in Beijing time (assets/folio.yaml) and exposes the article model', () => {
  const seed = folio.article('17254');
  assert.equal(seed.date, '2013-07-15T18:10:00+08:00');
  assert.deepEqual(seed.authors, ['mickeyknox']);
  assert.deepEqual(seed.meta, {});
  assert.ok(seed.reading_minutes >= 1 && seed.cjk_chars > 1000, JSON.stringify(seed));
  assert.match(seed.summary, /^虎嗅注/);
  assert.ok(Object.isFrozen(seed) && Object.isFrozen(seed.tags));
  const listed = folio.articles().find((a) => a.id === '17254');
  assert.equal(listed.meta, undefined, 'the list stays light; article(id) adds meta');
  for (const a of folio.articles()) {
    for (const key of ['tags', 'categories', 'authors']) assert.ok(Array.isArray(a[key]), key);
    assert.match(a.date, /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)?$/);
  }
});

for (const query of ['微信', '运营商', '中国联通', 'OTT', 'ott', '微信 联通', '"static site"', 'bottle', '不存在的词']) {
  test(`search ${JSON.stringify(query)} matches the CLI's --json output`, () => {
    const native = runCli(['search', testSite, query, '--json', '--limit', '50']);
    assert.equal(native.status, 0, native.stderr);
    assert.deepEqual(folio.search(query, { limit: 50 }), JSON.parse(native.stdout));
  });
}

test('the seed is found by 微信, 运营商, 中国联通 and OTT', () => {
  for (const query of ['微信', '运营商', '中国联通', 'OTT']) {
    assert.ok(folio.search(query).hits.some((hit) => hit.id === '17254'), query);
  }
});

test('render(id) matches `folio show` byte for byte', () => {
  for (const { id } of folio.articles()) {
    const native = runCli(['show', testSite, id]);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(folio.render(id), native.stdout, id);
  }
});

test('an unknown id renders as null, not as an empty article', () => {
  assert.equal(folio.render('no-such-article'), null);
  assert.equal(folio.article('no-such-article'), null);
});

test('a corpus of another format version is refused with its code', async () => {
  await assert.rejects(
    createFolio({ corpus: { format: 'folio-corpus', version: 99, articles: [] }, wasmBinary: wasmBinary() }),
    (error) => error instanceof FolioError && error.code === 'corpus.format' && /version 99/.test(error.message));
});

test('bad entries are reported and the good ones load', async () => {
  const mixed = await createFolio({
    corpus: { format: 'folio-corpus', version: 1, articles: [{ id: 'a', markdown: '微信' }, { id: 7 }] },
    wasmBinary: wasmBinary(),
  });
  assert.deepEqual(mixed.articles().map((a) => a.id), ['a']);
  assert.equal(mixed.diagnostics.length, 1);
  assert.equal(mixed.diagnostics[0].code, 'corpus.article');
  mixed.close();
  assert.throws(() => mixed.search('微信'), (error) => error.code === 'closed');
});
