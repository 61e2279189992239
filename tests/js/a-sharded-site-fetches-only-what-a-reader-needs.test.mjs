// Issue 8: a sharded site (src/site/FORMAT.md) served over HTTP. folio.js fetches the entry and
// the manifest to open it, one list page (the next prefetched once half-way through) to list, the index head and
// only the shards of a query's terms to search, and an id piece, a pack header and one record to
// open a deep link; never a whole pack or terms file. Every answer equals the single-file site's
// (the same corpus, zh-yihui). A host that ignores Range still works, fetching whole files.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { startServer } from '../../scripts/serve.mjs';
import { runCli } from '../support/cli.mjs';
import { required, sharedDir, wasmBinary } from '../support/env.mjs';

const corpusDir = required(path.join(sharedDir, 'corpora/zh-yihui'), 'the shared corpora must sit at ../shared');
const work = mkdtempSync(path.join(tmpdir(), 'folio-sharded-'));
const sharded = path.join(work, 'sharded');
const single = path.join(work, 'single');
for (const [out, layout] of [[sharded, 'sharded'], [single, 'single']]) {
  const built = runCli(['build', corpusDir, '-o', out, '--layout', layout]);
  assert.equal(built.status, 0, built.stderr);
}
// folio.js is an ES module; outside a "type": "module" package Node 18 (Debian 12's) reads a .js
// file as CommonJS (Node 20 detects the syntax), so the temp folder says so (fresh-chroot CI run).
writeFileSync(path.join(work, 'package.json'), '{ "type": "module" }\n');
const { createFolio } = await import(path.join(sharded, 'folio.js'));
const reference = await createFolio({ corpus: readFileSync(path.join(single, 'corpus.json')),
  index: readFileSync(path.join(single, 'folio-index.bin')), wasmBinary: wasmBinary() });

let served;
let plain;
before(async () => {
  served = await startServer({ root: sharded });
  plain = await startServer({ root: sharded, ranges: false });
});
after(() => {
  served?.server.close();
  plain?.server.close();
  reference.close();
  rmSync(work, { recursive: true, force: true });
});

const kinds = (log) => log.map((r) => `${path.basename(r.path).replace(/-.*/, '')}${r.range ? '#' : ''}`);
const since = (n) => served.log.slice(n);

test('opening and listing fetch the entry, the manifest and one list page (the next once half-way)', async () => {
  const folio = await createFolio({ corpusUrl: `${served.url}corpus.json`, wasmBinary: wasmBinary() });
  assert.equal(folio.sharded, true);
  assert.equal(folio.size, reference.articles().length);
  const opened = served.log.filter((r) => r.path.startsWith('/data/'));
  assert.deepEqual(kinds(opened), ['manifest']);
  const mark = served.log.length;
  const first = await folio.articles({ limit: 20 });
  await new Promise((resolve) => setTimeout(resolve, 200)); // a prefetch would have started
  assert.deepEqual(kinds(since(mark)), ['list']);
  // Rows half-way into the first page: the next page is prefetched, once.
  assert.ok(folio.size > 200, 'the site has more than one list page (200 articles each)');
  const half = served.log.length;
  await folio.articles({ offset: 90, limit: 20 });
  await folio.articles({ offset: 120, limit: 20 });
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(kinds(since(half)), ['list']);
  // List order is newest first, with the same metadata as the single-file site's.
  const newest = [...reference.articles()].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  assert.deepEqual(first.map((a) => a.date), newest.slice(0, 20).map((a) => a.date));
  const byId = new Map(reference.articles().map((a) => [a.id, a]));
  for (const a of first) assert.deepEqual(a, byId.get(a.id));
  folio.close();
});

test('a query fetches the index head and only its terms\' shards, by byte range, and answers as the single file does', async () => {
  const folio = await createFolio({ corpusUrl: `${served.url}corpus.json`, wasmBinary: wasmBinary() });
  // prepareSearch fetches the head, once, and no shard: those depend on the query.
  const prepared = served.log.length;
  await folio.prepareSearch();
  await folio.prepareSearch();
  assert.deepEqual(kinds(since(prepared)), ['head']);
  const mark = served.log.length;
  const queries = ['统计', 'R语言', 'knitr', '统', 'year:2013 图', 'tag:R', '"R Markdown"', 'latex -beamer'];
  for (const query of queries) {
    for (const prefix of [false, true]) {
      assert.deepEqual(await folio.search(query, { limit: 10, prefix }), reference.search(query, { limit: 10, prefix }),
        `${query} prefix ${prefix}`);
    }
  }
  const fetched = since(mark);
  assert.equal(fetched.filter((r) => r.path.includes('/head-')).length, 0, 'the head came with prepareSearch');
  const terms = fetched.filter((r) => r.path.includes('/terms-'));
  assert.ok(terms.length > 0 && terms.every((r) => r.range), 'shards come as byte ranges');
  assert.ok(fetched.filter((r) => r.path.includes('/pack-')).every((r) => r.range), 'records come as byte ranges');
  const termsBytes = terms.reduce((sum, r) => sum + r.bytes, 0);
  // folio.fetched() counts the same requests the server saw.
  assert.equal(folio.fetched().files.filter((f) => f.startsWith('terms-')).length, terms.length);
  // Far less than the whole index: the single-file index is several MB.
  assert.ok(termsBytes < readFileSync(path.join(single, 'folio-index.bin')).length / 10, `${termsBytes} bytes of shards`);

  // A second run of the same query fetches nothing.
  const again = served.log.length;
  await folio.search('统计', { limit: 10 });
  assert.equal(served.log.length, again);
  folio.close();
});

test('a deep link fetches one id piece, one pack header and one record, and renders as the single file does', async () => {
  const folio = await createFolio({ corpusUrl: `${served.url}corpus.json`, wasmBinary: wasmBinary() });
  const mark = served.log.length;
  const id = reference.articles()[700].id;
  assert.equal(await folio.render(id), reference.render(id));
  assert.deepEqual(kinds(since(mark)), ['ids', 'pack#', 'pack#']);
  assert.deepEqual(await folio.article(id), reference.article(id));
  assert.deepEqual(await folio.renderArticle(id), reference.renderArticle(id));
  assert.equal(await folio.render('no-such-article'), null);
  assert.equal(await folio.article('no-such-article'), null);
  folio.close();
});

test('what a caller will ask first is fetched while the module compiles, once, with the same answers', async () => {
  // Every fetch call in the order made (not as the server sees it): the prefetches are made
  // before createFolio resolves, that is before the module is ready.
  const calls = [];
  const fetchImpl = (url, init) => {
    calls.push(`${path.basename(new URL(url).pathname).replace(/-.*/, '')}${init?.headers?.Range ? '#' : ''}`);
    return fetch(url, init);
  };
  const id = reference.articles()[900].id;
  const folio = await createFolio({ corpusUrl: `${served.url}corpus.json`, wasmBinary: wasmBinary(),
    fetch: fetchImpl, prefetch: { list: true, index: true, article: id } });
  assert.deepEqual(calls.slice(0, 5).sort(), ['corpus.json', 'head', 'ids', 'list', 'manifest']);
  // The entry names the head and the first list page, so they are asked for beside the manifest,
  // not once the manifest is in.
  assert.deepEqual(calls.slice(1, 4).sort(), ['head', 'list', 'manifest']);
  assert.equal(await folio.render(id), reference.render(id));
  const newest = [...reference.articles()].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  assert.deepEqual((await folio.articles({ limit: 10 })).map((a) => a.date), newest.slice(0, 10).map((a) => a.date));
  assert.deepEqual(await folio.search('统计', { limit: 5 }), reference.search('统计', { limit: 5 }));
  const count = (kind) => calls.filter((c) => c === kind).length;
  assert.deepEqual([count('head'), count('ids'), count('list'), count('pack#') >= 2], [1, 1, 1, true]);
  folio.close();
});

test('an entry that names another head or first list page than its manifest is refused', async () => {
  const entry = JSON.parse(readFileSync(path.join(sharded, 'corpus.json'), 'utf8'));
  const manifest = JSON.parse(inflateSync(readFileSync(path.join(sharded, 'data', entry.manifest))));
  assert.equal(entry.head, manifest.head);
  assert.equal(entry.first_page, manifest.list.files[0]);
  writeFileSync(path.join(sharded, 'corpus-other-head.json'), JSON.stringify({ ...entry, head: manifest.list.files[0] }));
  await assert.rejects(createFolio({ corpusUrl: `${served.url}corpus-other-head.json`, wasmBinary: wasmBinary(),
    prefetch: { index: true } }), { code: 'corpus.format', message: /name different heads/ });
  writeFileSync(path.join(sharded, 'corpus-other-page.json'), JSON.stringify({ ...entry, first_page: manifest.list.files[1] }));
  await assert.rejects(createFolio({ corpusUrl: `${served.url}corpus-other-page.json`, wasmBinary: wasmBinary(),
    prefetch: { list: true } }), { code: 'corpus.format', message: /name different first list pages/ });
});

test('a host that ignores Range still serves the site, whole files at a time', async () => {
  const folio = await createFolio({ corpusUrl: `${plain.url}corpus.json`, wasmBinary: wasmBinary() });
  assert.deepEqual(await folio.search('统计', { limit: 5 }), reference.search('统计', { limit: 5 }));
  const id = reference.articles()[3].id;
  assert.equal(await folio.render(id), reference.render(id));
  assert.ok(plain.log.every((r) => r.range === null));
  folio.close();
});

test('a site built with --stem english stems its sharded search as its single file does', async () => {
  const stemmedSharded = path.join(work, 'stemmed-sharded');
  const stemmedSingle = path.join(work, 'stemmed-single');
  for (const [out, layout] of [[stemmedSharded, 'sharded'], [stemmedSingle, 'single']]) {
    const built = runCli(['build', corpusDir, '-o', out, '--layout', layout, '--stem', 'english']);
    assert.equal(built.status, 0, built.stderr);
  }
  const stemmedReference = await createFolio({ corpus: readFileSync(path.join(stemmedSingle, 'corpus.json')),
    index: readFileSync(path.join(stemmedSingle, 'folio-index.bin')), wasmBinary: wasmBinary() });
  assert.equal(stemmedReference.indexSource, 'file');
  const site = await startServer({ root: stemmedSharded });
  try {
    const folio = await createFolio({ corpusUrl: `${site.url}corpus.json`, wasmBinary: wasmBinary() });
    let stemFindsMore = false;
    for (const query of ['packages', 'documents', '"packages"', '统计 running', 'packag']) {
      for (const options of [{}, { prefix: true }, { stem: false }]) {
        const got = await folio.search(query, { limit: 10, ...options });
        assert.deepEqual(got, stemmedReference.search(query, { limit: 10, ...options }), `${query} ${JSON.stringify(options)}`);
        if (!options.stem && options.stem !== false) {
          stemFindsMore ||= got.total > stemmedReference.search(query, { limit: 10, stem: false }).total;
        }
      }
    }
    assert.ok(stemFindsMore, 'the stem finds more than the word for some query');
    folio.close();
  } finally {
    site.server.close();
    stemmedReference.close();
  }
});
