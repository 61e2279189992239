// Search as you type: `/` focuses the box, results arrive with <mark>ed snippets and a count
// that is announced, arrows move through them, Enter opens one with the terms marked in the
// article, Esc clears. Under the strict CSP, in a worker.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openViewer, viewerReady } from '../support/browser.mjs';

const seedTitle = '“OTT破冰”是个伪命题，运营商与微信矛盾不可调和';
let site;

before(async () => {
  site = await openViewer();
});
after(async () => site?.close());

const activeHref = (page) => page.evaluate(() =>
  document.querySelector('folio-viewer').shadowRoot.activeElement?.getAttribute('href') ?? null);

test('`/` focuses the search box from anywhere on the page', async () => {
  const { page } = site;
  await page.goto(site.url);
  await viewerReady(page);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.querySelector('folio-viewer').shadowRoot.activeElement?.id), 'search-input');
  assert.equal(await page.locator('#search-input').inputValue(), '', 'the slash was typed into the box');
});

test('typing shows marked snippets, the count, and announces it', async () => {
  const { page } = site;
  await page.keyboard.type('微信');
  // Results for 微 alone may come first: wait for the whole query's.
  const status = page.locator('.search-status .count', { hasText: '“微信”' });
  await status.waitFor();
  assert.equal(await status.textContent(), '4 results for “微信”');
  assert.equal(await page.locator('[role="status"]').textContent(), '4 results for “微信”');
  assert.equal(await page.locator('.results > li').count(), 4);
  const marks = await page.locator('.results .snippet mark').allTextContents();
  assert.ok(marks.length >= 4 && marks.every((m) => m === '微信'), JSON.stringify(marks));
  assert.equal(await page.locator('.results .result-title').first().textContent(), seedTitle);
  assert.equal(new URL(page.url()).hash, '#/search?q=%E5%BE%AE%E4%BF%A1');
  assert.equal(await page.title(), '微信 · folio');
});

test('each keystroke rewrites one history entry', async () => {
  const { page } = site;
  await page.goBack();
  await page.locator('.row-title').first().waitFor();
  assert.equal(new URL(page.url()).hash, '');
  await page.goForward();
  await page.locator('.results mark').first().waitFor();
  assert.equal(await page.locator('#search-input').inputValue(), '微信');
});

test('arrows move through the results and back to the box; Enter opens one', async () => {
  const { page } = site;
  await page.locator('#search-input').focus();
  await page.keyboard.press('ArrowDown');
  const hrefs = await page.locator('.results .result-title').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.equal(await activeHref(page), hrefs[0]);
  await page.keyboard.press('ArrowDown');
  assert.equal(await activeHref(page), hrefs[1]);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.querySelector('folio-viewer').shadowRoot.activeElement?.id), 'search-input');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('.article-title').waitFor();
  assert.equal(new URL(page.url()).hash, hrefs[0]);
  assert.equal(await page.locator('.article-title').textContent(), seedTitle);
});

test('the opened article marks the terms, and focus is on its heading', async () => {
  const { page } = site;
  const marks = await page.locator('.article-body mark.folio-hit').allTextContents();
  assert.ok(marks.length > 10 && marks.every((m) => m === '微信'), `${marks.length} marks`);
  assert.equal(await page.evaluate(() => document.querySelector('folio-viewer').shadowRoot.activeElement?.tagName), 'H1');
  assert.match(await page.locator('.hit-note').textContent(), /matches for “微信” highlighted/);
  assert.equal(await page.locator('.back').textContent(), 'Back to results for “微信”');
});

test('back returns to the results, Esc from a result returns to the box, Esc there clears', async () => {
  const { page } = site;
  await page.goBack();
  await page.locator('.results mark').first().waitFor();
  await page.locator('.results .result-title').first().focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.querySelector('folio-viewer').shadowRoot.activeElement?.id), 'search-input');
  await page.keyboard.press('Escape');
  await page.locator('.row-title').first().waitFor();
  assert.equal(await page.locator('#search-input').inputValue(), '');
  assert.equal(new URL(page.url()).hash, '#/');
});

test('Enter in the box opens the best match', async () => {
  const { page } = site;
  await page.locator('#search-input').fill('OTT');
  await page.locator('.results mark').first().waitFor();
  await page.locator('#search-input').press('Enter');
  await page.locator('.article-title').waitFor();
  assert.match(new URL(page.url()).hash, /^#\/a\/17254\?q=OTT$/);
});

test('facets count authors, years and tags; choosing one narrows the results and the link', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/search?q=folio`);
  await page.locator('.search-status .count', { hasText: '“folio”' }).waitFor();
  const all = await page.locator('.results > li').count();
  const groups = await page.locator('.facet').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
  assert.deepEqual(groups, ['Author', 'Year', 'Tag']);
  const author = page.locator('.facet[aria-label="Author"] a', { hasText: 'folio team' });
  const count = Number(await author.locator('.facet-count').textContent());
  assert.ok(count > 0 && count < all, `${count} of ${all}`);
  await author.click();
  await page.locator('.facet a[aria-current="true"]').waitFor();
  assert.equal(new URL(page.url()).hash, '#/search?q=folio&author=folio%20team');
  assert.equal(await page.locator('.results > li').count(), count);
  const authors = await page.locator('.results .author').allTextContents();
  assert.ok(authors.every((a) => a === 'folio team'), JSON.stringify(authors));
  const chosen = page.locator('.facet a[aria-current="true"]');
  assert.equal(await chosen.getAttribute('aria-label'), 'Remove filter Author: folio team');
  // Focus stays on the facet the reader chose, redrawn with the new counts.
  assert.equal(await page.evaluate(() => document.querySelector('folio-viewer').shadowRoot.activeElement?.dataset.focusKey), 'author:folio team');
  await chosen.click();
  await page.waitForFunction(() => !location.hash.includes('author='));
  await page.locator('.search-status .count', { hasText: '“folio”' }).waitFor();
  assert.equal(await page.locator('.results > li').count(), all);
});

test('an article\'s tag lists every article with it, newest first', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/a/getting-started`);
  await page.locator('.tags a', { hasText: 'guide' }).click();
  await page.locator('.search-status .count').waitFor();
  assert.equal(new URL(page.url()).hash, '#/search?tag=guide');
  const titles = await page.locator('.results .result-title').allTextContents();
  assert.ok(titles.includes('Getting started with folio'), JSON.stringify(titles));
  assert.equal(await page.locator('.facet[aria-label="Tag"] a[aria-current="true"] .facet-value').textContent(), 'guide');
});

test('a query that matches nothing says so', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/search?q=${encodeURIComponent('不存在的词')}`);
  await page.locator('.search-status .count').waitFor();
  await page.waitForFunction(() => /No article/.test(document.querySelector('folio-viewer').shadowRoot.querySelector('.search-status').textContent));
  assert.equal(await page.locator('.search-status .count').textContent(), 'No article matches “不存在的词”.');
  assert.equal(await page.locator('.results > li').count(), 0);
});

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
