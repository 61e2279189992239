// Issue 8 in Chromium: folio.js over a sharded site (zh-yihui built with --sharded) lists, searches
// and opens a deep link, fetching from data/ only the manifest, the list pages, the index head,
// the query's shards and the records it shows, by byte range; the console stays empty. (The
// viewer on a sharded site: a-sharded-site-in-the-viewer-lists-every-article-and-scrolls-to-the-last.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openSite } from '../support/browser.mjs';
import { runCli } from '../support/cli.mjs';
import { required, sharedDir } from '../support/env.mjs';

const corpusDir = required(path.join(sharedDir, 'corpora/zh-yihui'), 'the shared corpora must sit at ../shared');
const work = mkdtempSync(path.join(tmpdir(), 'folio-sharded-browser-'));
const root = path.join(work, 'site');
const built = runCli(['build', corpusDir, '-o', root, '--sharded']);
assert.equal(built.status, 0, built.stderr);

let site;
before(async () => {
  site = await openSite(root);
  // A page of the site that runs nothing itself; folio.js is imported into it. Chromium asks a
  // text page for /favicon.ico (the viewer's index.html names its own), which is not folio's 404.
  await site.page.route('**/favicon.ico', (route) => route.fulfill({ status: 204, body: '' }));
  await site.page.goto(`${site.url}folio.d.ts`);
  await site.page.evaluate(async () => {
    const { createFolio } = await import('/folio.js');
    globalThis.folio = await createFolio({ corpusUrl: '/corpus.json' });
  });
});
after(async () => {
  await site?.close();
  rmSync(work, { recursive: true, force: true });
});

const dataKinds = (requests) =>
  requests.filter((p) => p.startsWith('/data/')).map((p) => path.basename(p).replace(/-.*/, ''));

test('opening and listing fetch the manifest and the list pages shown', async () => {
  const listed = await site.page.evaluate(async () => (await globalThis.folio.articles({ limit: 50 })).length);
  assert.equal(listed, 50);
  assert.ok(!site.requests.includes('/folio-index.bin'), 'a sharded site has no single index to ask for');
  const kinds = dataKinds(site.requests);
  assert.deepEqual([...new Set(kinds)].sort(), ['list', 'manifest']);
  assert.ok(kinds.filter((k) => k === 'list').length <= 2, kinds.join(' '));
});

test('a search for 统计 fetches the head and a few shards, and marks its hits', async () => {
  const before = site.requests.length;
  const result = await site.page.evaluate(async () => globalThis.folio.search('统计', { limit: 10 }));
  assert.ok(result.total > 100, String(result.total));
  assert.ok(result.hits.some((hit) => hit.snippet.includes('<mark>统计</mark>')));
  // The list page prefetched after the listing above may still be on its way: not the search's.
  const kinds = dataKinds(site.requests.slice(before)).filter((k) => k !== 'list');
  assert.ok(kinds.includes('head') && kinds.includes('terms'), kinds.join(' '));
  assert.ok(kinds.every((k) => ['head', 'terms', 'pack'].includes(k)), kinds.join(' '));
});

test('a deep link renders its article from one id piece and one record', async () => {
  const before = site.requests.length;
  const html = await site.page.evaluate(async () => {
    const [first] = await globalThis.folio.articles({ offset: 700, limit: 1 });
    return globalThis.folio.render(first.id);
  });
  assert.match(html, /<p>/);
  // One piece of the id table, then the record by byte range, after its pack's header unless the
  // search above already read that header (list pages aside).
  const kinds = dataKinds(site.requests.slice(before)).filter((k) => k !== 'list');
  assert.equal(kinds[0], 'ids', kinds.join(' '));
  assert.ok(['ids pack', 'ids pack pack'].includes(kinds.join(' ')), kinds.join(' '));
  assert.equal(await site.page.evaluate(async () => globalThis.folio.render('no-such-article')), null);
});

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
