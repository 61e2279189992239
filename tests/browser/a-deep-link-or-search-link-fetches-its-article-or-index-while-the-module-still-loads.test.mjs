// Issue 8, latency: a sharded site opened on a deep link (#/a/<id>) or a search link fetches the
// article's id piece, its record and the first list page, or the index head (a search shows no
// list, so it leaves the list page for later), while the WASM module is still downloading,
// instead of one after the other (folio.js `prefetch`, which the viewer fills from its first
// route). Shown by holding back the module: those requests are made while it is held, and once
// it is let through the view appears, with an empty console. Bytes: the deep link's module is
// folio-render.wasm (rendering only, a third of folio-core's bytes); folio-site.wasm (a sharded
// site's search) comes only when a search asks for it, and folio-core.wasm never.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openSite } from '../support/browser.mjs';
import { runCli } from '../support/cli.mjs';
import { required, sharedDir } from '../support/env.mjs';
import { buildShardedSite } from '../support/sharded-site.mjs';

const corpusDir = required(path.join(sharedDir, 'corpora/zh-yihui'), 'the shared corpora must sit at ../shared');
const built = buildShardedSite(corpusDir, { prefix: 'folio-prefetch-' });
const { root, manifest, readData } = built;
// An article without images (those link to hosts this machine cannot reach, a console error).
const article = readData(manifest.list.files[3]).find((a) => {
  const shown = runCli(['show', root, a.id]);
  return shown.status === 0 && !shown.stdout.includes('<img');
});
assert.ok(article, 'an article without images');

let site;
before(async () => {
  site = await openSite(root);
  site.page.setDefaultTimeout(60_000);
});
after(async () => {
  await site?.close();
  built.remove();
});

// Holds every request for the module until the returned function is called.
async function holdModule() {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const asked = [];
  await site.context.route('**/folio-*.wasm', async (route) => {
    asked.push(path.basename(new URL(route.request().url()).pathname));
    await held;
    await route.continue();
  });
  return { asked, release: async () => { release(); } };
}

// The data files requested since `from`, by kind (list, ids, pack, head, terms).
const kinds = (from) => site.requests.slice(from).filter((p) => p.startsWith('/data/'))
  .map((p) => path.basename(p).replace(/-.*/, ''));

async function until(check, what) {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a deep link fetches its id piece, its record and the first list page while the renderer is held; the search box, once focused, loads the search module', async () => {
  const module = await holdModule();
  const from = site.requests.length;
  const tab = await site.context.newPage();
  await tab.goto(`${site.url}#/a/${encodeURIComponent(article.id)}`);
  await until(() => module.asked.length > 0 && ['ids', 'list'].every((k) => kinds(from).includes(k)) &&
    kinds(from).filter((k) => k === 'pack').length >= 2, 'the id piece, the pack header and record, the list page');
  assert.equal(await tab.locator('.article-title').count(), 0, 'the article waited for the module');
  await module.release();
  await tab.locator('.article-title').waitFor();
  assert.equal(await tab.locator('.article-title').textContent(), article.title);
  assert.ok(!kinds(from).includes('head') && !kinds(from).includes('terms'), kinds(from).join(' '));
  assert.deepEqual(module.asked, ['folio-render.wasm']);
  assert.ok(!site.requests.slice(from).some((p) => p.endsWith('.wasm') && p !== '/folio-render.wasm'),
    site.requests.slice(from).join(' '));
  // Focus on the search box fetches the core and the index head before anything is typed
  // (folio.prepareSearch); the search then answers.
  await tab.locator('#search-input').focus();
  await until(() => module.asked.includes('folio-site.wasm') && kinds(from).includes('head'),
    'the search module and the index head, asked for on focus');
  assert.ok(!kinds(from).includes('terms'), kinds(from).join(' '));
  await tab.evaluate(() => { location.hash = `#/search?q=${encodeURIComponent('统计')}`; });
  await tab.locator('.results .result-title').first().waitFor();
  assert.deepEqual(module.asked, ['folio-render.wasm', 'folio-site.wasm']);
  assert.ok(kinds(from).includes('head') && kinds(from).includes('terms'), kinds(from).join(' '));
  await site.context.unrouteAll();
  await tab.close();
});

test('a search link fetches the index head while the module is held, then shows its hits', async () => {
  const module = await holdModule();
  const from = site.requests.length;
  const tab = await site.context.newPage();
  await tab.goto(`${site.url}#/search?q=${encodeURIComponent('统计')}`);
  await until(() => module.asked.length > 0 && kinds(from).includes('head'), 'the index head');
  assert.deepEqual(module.asked, ['folio-site.wasm']);
  await module.release();
  await tab.locator('.results .result-title').first().waitFor();
  assert.ok(kinds(from).includes('terms'), kinds(from).join(' '));
  // A search does not show the list: its first page waits until the list is wanted (issue 8,
  // session 6: 35 KB of the first query's bytes at 100k articles).
  assert.ok(!kinds(from).includes('list'), kinds(from).join(' '));
  await site.context.unrouteAll();
  await tab.close();
});

test('the console stays empty', () => {
  assert.deepEqual(site.console, []);
});
