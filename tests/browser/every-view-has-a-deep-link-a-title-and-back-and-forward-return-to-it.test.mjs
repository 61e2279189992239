// Deep links: the list, an article (#/a/<id>, the contract), a heading in it, a search with its
// options; each sets the document title, back and forward walk through them and restore where
// the reader was; a missing article or an unknown address gets a friendly page, never a blank.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openViewer, viewerReady, noticeHeading } from '../support/browser.mjs';

const seedTitle = '“OTT破冰”是个伪命题，运营商与微信矛盾不可调和';
let site;

before(async () => {
  site = await openViewer();
});
after(async () => site?.close());

const focused = (page) => page.evaluate(() => {
  const active = document.querySelector('folio-viewer').shadowRoot.activeElement;
  return active ? `${active.tagName}:${active.textContent.slice(0, 40)}` : null;
});

test('each view opens from its link in a fresh tab, with its title', async () => {
  const cases = [
    ['', '.row-title', 'folio'],
    ['#/', '.row-title', 'folio'],
    ['#/a/17254', '.article-title', `${seedTitle} · folio`],
    ['#/a/getting-started?h=search', '.article-title', 'Getting started with folio · folio'],
    ['#/search?q=OTT', '.results .result-title', 'OTT · folio'],
    ['#/search?q=folio&sort=newest', '.results .result-title', 'folio · folio'],
    ['#/a/no-such-article', noticeHeading, 'Article not found · folio'],
    ['#/nowhere/else', noticeHeading, 'Page not found · folio'],
  ];
  for (const [hash, selector, title] of cases) {
    const tab = await site.context.newPage();
    await tab.goto(`${site.url}${hash}`);
    await tab.locator(selector).first().waitFor();
    await viewerReady(tab);
    assert.equal(await tab.title(), title, hash);
    await tab.close();
  }
});

test('a heading link scrolls to that heading', async () => {
  const { page } = site;
  await page.setViewportSize({ width: 1280, height: 500 });
  const ids = await (async () => {
    await page.goto(`${site.url}#/a/getting-started`);
    await page.locator('.article-title').waitFor();
    return page.locator('.article-body h2').evaluateAll((hs) => hs.map((h) => h.id));
  })();
  const last = ids[ids.length - 1];
  await page.goto(`${site.url}#/a/getting-started?h=${encodeURIComponent(last)}`);
  await page.waitForFunction((id) => {
    const heading = document.querySelector('folio-viewer').shadowRoot.getElementById(id);
    const box = heading?.getBoundingClientRect();
    return box && box.top >= 0 && box.top < 200;
  }, last);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the contents list links each heading and keeps the article on screen', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/a/getting-started`);
  await page.locator('.toc a').first().waitFor();
  const entries = await page.locator('.toc a').allTextContents();
  const headings = await page.locator('.article-body h2, .article-body h3').allTextContents();
  assert.deepEqual(entries, headings);
  await page.locator('.toc a').nth(1).click();
  await page.waitForFunction(() => new URL(location.href).hash.includes('&h=') || new URL(location.href).hash.includes('?h='));
  assert.equal(await page.locator('.article-title').textContent(), 'Getting started with folio');
  assert.match(await focused(page), /^H2:/);
});

test('back and forward walk list → article → search → article and restore the list position', async () => {
  const { page } = site;
  await page.setViewportSize({ width: 1280, height: 420 });
  await page.goto(site.url);
  await viewerReady(page);
  await page.evaluate(() => window.scrollTo(0, 300));
  // Clicked without the scrolling a pointer click would do first, so the position stays 300.
  const link = page.locator('.row-title').nth(4);
  const href = await link.getAttribute('href');
  await link.dispatchEvent('click');
  await page.locator('.article-title').waitFor();
  assert.equal(new URL(page.url()).hash, href);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.match(await focused(page), /^H1:/);

  await page.locator('#search-input').fill('OTT');
  await page.locator('.search-status .count', { hasText: '“OTT”' }).waitFor();
  await page.locator('.results .result-title').first().click();
  await page.locator('.article-title').waitFor();
  assert.equal(await page.locator('.back').getAttribute('href'), '#/search?q=OTT');

  await page.goBack();
  await page.locator('.search-status .count', { hasText: '“OTT”' }).waitFor();
  assert.equal(await page.locator('#search-input').inputValue(), 'OTT');
  await page.goBack();
  await page.locator('.article-title').waitFor();
  assert.equal(new URL(page.url()).hash, href);
  await page.goBack();
  await page.locator('.row-title').first().waitFor();
  await page.waitForFunction(() => window.scrollY === 300);
  // Focus returns to the entry the reader opened.
  assert.equal(await page.evaluate(() => document.querySelector('folio-viewer').shadowRoot.activeElement?.getAttribute('href')), href);
  await page.goForward();
  await page.locator('.article-title').waitFor();
  assert.equal(new URL(page.url()).hash, href);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the missing-article page offers the list and a search', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/a/no-such-article`);
  await page.locator(noticeHeading, { hasText: 'Article not found' }).waitFor();
  assert.match(await page.locator('.notice p').textContent(), /There is no article “no-such-article” in this archive/);
  await page.locator('.notice-links a', { hasText: 'Search for' }).click();
  await page.locator('.search-status .count').waitFor();
  assert.equal(await page.locator('#search-input').inputValue(), 'no-such-article');
});

test('a hash that is not folio\'s (#top) leaves the view alone', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/a/17254`);
  await page.locator('.article-title').waitFor();
  await page.evaluate(() => {
    location.hash = '#top';
  });
  await page.waitForFunction(() => location.hash === '#top');
  assert.equal(await page.locator('.article-title').textContent(), seedTitle);
});

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
