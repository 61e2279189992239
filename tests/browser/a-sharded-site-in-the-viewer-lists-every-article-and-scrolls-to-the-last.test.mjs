// Issue 8 in the viewer: <folio-viewer> on a sharded site (zh-yihui built --layout sharded: 1,463
// articles, 8 list pages of 200) counts and lists every article, newest first, with the scroll
// height of all of them; scrolling fetches only the list pages of the rows it draws (plus the
// next, which folio.js prefetches), so jumping to the end reaches the oldest article without the
// pages between. A deep link and search work, under the strict CSP, and the console stays empty.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openSite, strictCsp, viewerReady } from '../support/browser.mjs';
import { runCli } from '../support/cli.mjs';
import { required, sharedDir } from '../support/env.mjs';
import { buildShardedSite } from '../support/sharded-site.mjs';

const corpusDir = required(path.join(sharedDir, 'corpora/zh-yihui'), 'the shared corpora must sit at ../shared');
const built = buildShardedSite(corpusDir, { prefix: 'folio-sharded-viewer-' });
// What the site holds, read here from its files (src/site/FORMAT.md), to check the viewer by.
const { root, entry, manifest, readData } = built;
const pages = manifest.list.files.map(readData);
const listed = pages.flat();
const count = entry.articles;

let site;
before(async () => {
  site = await openSite(root, { headers: { 'Content-Security-Policy': strictCsp } });
  site.page.setDefaultTimeout(60_000);
});
after(async () => {
  await site?.close();
  built.remove();
});

// The list pages requested so far, by number (0 = the newest 200 articles).
const listPagesFetched = () => [...new Set(site.requests
  .filter((p) => p.startsWith('/data/list-'))
  .map((p) => manifest.list.files.indexOf(path.basename(p))))].sort((a, b) => a - b);

const rows = (page) => page.evaluate(() => [...document.querySelector('folio-viewer').shadowRoot.querySelectorAll('.row')]
  .map((row) => {
    const box = row.getBoundingClientRect();
    return {
      index: Number(row.getAttribute('aria-posinset')),
      size: Number(row.getAttribute('aria-setsize')),
      busy: row.getAttribute('aria-busy') === 'true',
      href: row.querySelector('a')?.getAttribute('href') ?? null,
      title: row.querySelector('.row-title')?.textContent ?? null,
      date: row.querySelector('time')?.getAttribute('datetime') ?? '',
      onScreen: box.bottom > 0 && box.top < innerHeight,
    };
  }));

// Every drawn row that has arrived is the site's row at its place, newest first.
function inListOrder(drawn) {
  for (const row of drawn.filter((r) => !r.busy)) {
    const article = listed[row.index - 1];
    assert.equal(row.href, `#/a/${encodeURIComponent(article.id)}`, `row ${row.index}`);
    assert.equal(row.size, count);
  }
  const dated = drawn.filter((row) => row.date).map((row) => Date.parse(row.date));
  for (let i = 1; i < dated.length; i++) assert.ok(dated[i - 1] >= dated[i], `row order at ${i}`);
}

// Waits until the rows on screen have arrived (no placeholder left in view).
const screenFilled = (page) => page.waitForFunction(() => {
  const drawn = [...document.querySelector('folio-viewer').shadowRoot.querySelectorAll('.row')];
  const shown = drawn.filter((row) => {
    const box = row.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight;
  });
  return shown.length > 0 && shown.every((row) => row.getAttribute('aria-busy') !== 'true');
});

test('the site is sharded into several list pages', () => {
  assert.equal(entry.format, 'folio-site');
  assert.ok(pages.length >= 5, `${pages.length} list pages`);
  assert.equal(listed.length, count);
});

test('the list counts every article and fetches only the first list page and the next', async (t) => {
  const { page } = site;
  await page.goto(site.url);
  await viewerReady(page);
  await page.locator('.row-title').first().waitFor();
  assert.equal(await page.locator('.list-count').textContent(), `${count.toLocaleString('en-US')} articles`);
  const drawn = await rows(page);
  assert.equal(drawn[0].index, 1);
  assert.equal(drawn[0].title, listed[0].title);
  assert.ok(drawn.length >= 10 && drawn.length <= 200, `${drawn.length} rows`);
  inListOrder(drawn);
  // The scroll height stands for every article (rows are ~100 px), not for one page of 200.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height > count * 40, `scroll height ${height}`);
  assert.ok(!site.requests.includes('/folio-index.bin'), 'a sharded site has no single index');
  // The viewer's FolioWorker (element.folio) says what a ShardedFolio says, through the worker.
  const proxy = await page.evaluate(async () => {
    const { folio } = document.querySelector('folio-viewer');
    return { sharded: folio.sharded, size: folio.size, first: (await folio.articles({ offset: 0, limit: 3 })).map((a) => a.id) };
  });
  assert.deepEqual(proxy, { sharded: true, size: count, first: listed.slice(0, 3).map((a) => a.id) });
  const fetched = listPagesFetched();
  t.diagnostic(`list pages fetched: ${fetched.join(' ')} of 0..${pages.length - 1}`);
  assert.ok(fetched.includes(0) && fetched.every((k) => k <= 1), `list pages ${fetched}`);
});

test('scrolling to the end shows the oldest article, fetching only the list pages there', async (t) => {
  const { page } = site;
  const last = page.locator(`.row[aria-posinset="${count}"] .row-title`);
  // Arriving rows may change the list's height: scroll to the end again until the last row shows.
  await page.waitForFunction(async (n) => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const row = document.querySelector('folio-viewer').shadowRoot.querySelector(`.row[aria-posinset="${n}"]`);
    const box = row?.getBoundingClientRect();
    return row?.querySelector('.row-title') && box.top >= 0 && box.bottom <= innerHeight;
  }, count, { polling: 200 });
  const oldest = listed[count - 1];
  assert.equal(await last.textContent(), oldest.title);
  assert.equal(await last.getAttribute('href'), `#/a/${encodeURIComponent(oldest.id)}`);
  const dates = listed.map((a) => Date.parse(a.date)).filter(Number.isFinite);
  assert.equal(Date.parse(oldest.date), Math.min(...dates), 'the last row is the oldest article');
  await screenFilled(page);
  const drawn = await rows(page);
  assert.ok(drawn.length <= 200, `${drawn.length} rows in the DOM`);
  inListOrder(drawn);
  // The first page (and its prefetched next) and the last ones; none of the pages in between.
  const fetched = listPagesFetched();
  t.diagnostic(`list pages fetched: ${fetched.join(' ')} of 0..${pages.length - 1}`);
  const lastPage = pages.length - 1;
  assert.ok(fetched.includes(lastPage), `list pages ${fetched}`);
  assert.ok(fetched.every((k) => k <= 1 || k >= lastPage - 1), `list pages ${fetched}`);
});

test('scrolling up to the middle fills in the rows there as their page arrives', async (t) => {
  const { page } = site;
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.45));
  await screenFilled(page);
  const drawn = await rows(page);
  const shown = drawn.filter((row) => row.onScreen);
  assert.ok(shown.every((row) => !row.busy && row.title));
  assert.ok(shown.some((row) => row.index > 400 && row.index < count - 400), shown.map((r) => r.index).join(' '));
  inListOrder(drawn);
  const middle = Math.floor((shown[0].index - 1) / manifest.list.articles);
  const fetched = listPagesFetched();
  t.diagnostic(`list pages fetched: ${fetched.join(' ')} of 0..${pages.length - 1}`);
  assert.ok(fetched.includes(middle), `list pages ${fetched}`);
  assert.ok(fetched.length < pages.length, `every list page was fetched: ${fetched}`);
});

test('an article opened from the list links to its newer neighbour', async () => {
  const { page } = site;
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = page.locator(`.row[aria-posinset="${count}"] .row-title`);
  await last.click();
  await page.locator('.article-title').waitFor();
  assert.equal(await page.locator('.article-title').textContent(), listed[count - 1].title);
  assert.equal(await page.locator('.neighbours .newer').getAttribute('href'), `#/a/${encodeURIComponent(listed[count - 2].id)}`);
  assert.equal(await page.locator('.neighbours .older').count(), 0);
  assert.ok((await page.locator('.article-body p').count()) > 0);
});

test('a deep link opens its article in a new tab; an unknown id says not found', async () => {
  const article = pages[Math.floor(pages.length / 2)][10];
  const tab = await site.context.newPage();
  const before = site.requests.length;
  await tab.goto(`${site.url}#/a/${encodeURIComponent(article.id)}`);
  await tab.locator('.article-title').waitFor();
  assert.equal(await tab.locator('.article-title').textContent(), article.title);
  assert.equal(await tab.title(), `${article.title} · folio`);
  assert.ok((await tab.locator('.article-body p').count()) > 0);
  // The article comes from the id table and its record (list pages aside: the list loads too).
  const kinds = site.requests.slice(before).filter((p) => p.startsWith('/data/'))
    .map((p) => path.basename(p).replace(/-.*/, ''));
  assert.ok(kinds.includes('ids') && kinds.includes('pack'), kinds.join(' '));
  assert.ok(!kinds.includes('terms'), kinds.join(' '));
  await tab.goto(`${site.url}#/a/no-such-article`);
  await tab.locator('h1', { hasText: 'Article not found' }).waitFor();
  await tab.close();
});

test('typing a query shows marked hits with the count folio search gives, more of them on request, and a hit opens', async () => {
  const { page } = site;
  const cli = runCli(['search', root, '统计', '--json', '--prefix', '--limit', '20']);
  assert.equal(cli.status, 0, cli.stderr);
  const expected = JSON.parse(cli.stdout);
  assert.ok(expected.total > 20, String(expected.total));
  await page.locator('#search-input').fill('统计');
  const status = page.locator('.search-status .count', { hasText: '“统计”' });
  await status.waitFor();
  assert.equal(await status.textContent(), `${expected.total.toLocaleString('en-US')} results for “统计”`);
  const hrefs = () => page.locator('.results .result-title').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const expectedHrefs = expected.hits.map((hit) => `#/a/${encodeURIComponent(hit.id)}?q=%E7%BB%9F%E8%AE%A1`);
  // Ten at a time (viewer.js pageSize: each hit of a sharded site is two requests), then ten more.
  assert.deepEqual(await hrefs(), expectedHrefs.slice(0, 10));
  await page.locator('.search-view .more').click();
  await page.locator('.results .result-title').nth(19).waitFor();
  assert.deepEqual(await hrefs(), expectedHrefs);
  const marks = await page.locator('.results .snippet mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => m === '统计'), JSON.stringify(marks));
  await page.locator('.results .result-title').first().click();
  await page.locator('.article-title').waitFor();
  assert.equal(await page.locator('.article-title').textContent(), expected.hits[0].title);
  assert.ok((await page.locator('.article-body mark').count()) > 0, 'the terms are marked in the article');
});

// Issue 8: at 100k articles the WASM core's download and compile were most of the first paint.
// The list needs none of it, so it paints from the first list page while the module (a sharded
// site's, folio-site.wasm) is held back.
test('the first rows paint while the WASM core is still downloading', async () => {
  const tab = await site.context.newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let asked = false;
  await tab.route('**/folio-site.wasm', async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  try {
    await tab.goto(site.url);
    // Without the first page early, this waits for the held core and times out.
    await tab.locator('.row-title').first().waitFor({ timeout: 20_000 });
    assert.ok(asked, 'the module was asked for');
    assert.equal(await tab.locator('.folio.is-ready').count(), 0, 'search was not ready yet');
    const drawn = await rows(tab);
    assert.equal(drawn[0].title, listed[0].title);
    assert.ok(drawn.filter((row) => !row.busy).length >= 10, `${drawn.length} rows`);
    inListOrder(drawn);
  } finally {
    release();
  }
  await viewerReady(tab);
  await tab.locator('#search-input').fill('统计');
  await tab.locator('.results .result-title').first().waitFor();
  await tab.close();
});

// Issue 8: a search opened from a link needs the index head and its terms' shards, not the list;
// the list's first page came first and was 35 KB of the 1 MB a first query may move at 100k.
test('a search link fetches no list page until the list is shown', async () => {
  // A browser of its own: nothing of this site in its cache, so every fetch reaches the server.
  const fresh = await openSite(root, { headers: { 'Content-Security-Policy': strictCsp } });
  try {
    const fetched = () => fresh.requests.filter((p) => p.startsWith('/data/'))
      .map((p) => path.basename(p).replace(/-.*/, ''));
    await fresh.page.goto(`${fresh.url}#/search?q=${encodeURIComponent('统计')}`);
    await fresh.page.locator('.results .result-title').first().waitFor();
    assert.ok(fetched().includes('head') && fetched().includes('terms'), fetched().join(' '));
    assert.ok(!fetched().includes('list'), fetched().join(' '));
    await fresh.page.locator('.brand').click();
    await fresh.page.locator('.row-title').first().waitFor();
    assert.equal(await fresh.page.locator('.row-title').first().textContent(), listed[0].title);
    assert.ok(fetched().includes('list'), fetched().join(' '));
    assert.deepEqual(fresh.console, []);
  } finally {
    await fresh.close();
  }
});

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
