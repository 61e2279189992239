// examples/embed.html, shipped in every site, shows the sample corpus inside a page with its own
// aggressive styles through <folio-viewer>: the page's styles do not reach into the viewer, the
// viewer's do not reach out, it adds no globals, it is themed through custom properties only,
// and it leaves the page's title and keys alone.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openViewer, viewerReady } from '../support/browser.mjs';
import { testSite } from '../support/env.mjs';

const pageTitle = 'The Reading Room — an archive embedded with folio';
let site;

before(async () => {
  site = await openViewer();
  await site.page.addInitScript(() => {
    // What the window has before any script of the page runs.
    Object.defineProperty(window, '__baselineGlobals', {
      value: Object.getOwnPropertyNames(window),
      enumerable: false,
    });
  });
  await site.page.goto(`${site.url}examples/embed.html`);
  await viewerReady(site.page);
});
after(async () => site?.close());

test('the built site ships examples/embed.html', () => {
  assert.ok(existsSync(path.join(testSite, 'examples', 'embed.html')));
  assert.ok(existsSync(path.join(testSite, 'examples', 'embed.css')));
});

test('the sample corpus shows inside the foreign page', async () => {
  const { page } = site;
  assert.equal(await page.locator('.masthead h1').textContent(), 'The Reading Room');
  const titles = await page.locator('folio-viewer .row-title').allTextContents();
  assert.equal(titles.length, 7);
  assert.ok(titles.includes('“OTT破冰”是个伪命题，运营商与微信矛盾不可调和'));
  assert.ok(await page.locator('folio-viewer .row-title').first().getAttribute('href').then((h) => h.startsWith('#/a/')));
});

test('no globals are added and no style reaches the document', async () => {
  const { page } = site;
  const leaks = await page.evaluate(() => ({
    globals: Object.getOwnPropertyNames(window)
      .filter((name) => name !== '__baselineGlobals' && !window.__baselineGlobals.includes(name)),
    sheets: [...document.styleSheets].map((sheet) => sheet.href?.replace(location.origin, '')),
    adopted: document.adoptedStyleSheets.length,
    headChildren: [...document.head.children].map((node) => node.tagName),
    htmlStyle: document.documentElement.getAttribute('style'),
    htmlLang: document.documentElement.lang,
    defined: !!customElements.get('folio-viewer'),
  }));
  assert.deepEqual(leaks.globals, []);
  assert.deepEqual(leaks.sheets, ['/examples/embed.css']);
  assert.equal(leaks.adopted, 0);
  assert.deepEqual(leaks.headChildren, ['META', 'META', 'TITLE', 'LINK', 'LINK', 'SCRIPT']);
  assert.equal(leaks.htmlStyle, null);
  assert.equal(leaks.htmlLang, 'en');
  assert.equal(leaks.defined, true);
});

test('the page keeps its own look', async () => {
  const { page } = site;
  const story = await page.locator('.story p').first().evaluate((p) => {
    const style = getComputedStyle(p);
    return [style.fontFamily, style.color, style.fontSize, style.lineHeight];
  });
  assert.deepEqual(story, ['Georgia, "DejaVu Serif", "Noto Serif CJK SC", serif', 'rgb(59, 42, 26)', '19px', '36.1px']);
  assert.equal(await page.locator('.masthead h1').evaluate((h) => getComputedStyle(h).textTransform), 'uppercase');
});

test('the page\'s styles do not reach into the viewer', async () => {
  const { page } = site;
  const inside = await page.locator('folio-viewer .list-view h1').evaluate((h) => {
    const style = getComputedStyle(h);
    return { font: style.fontFamily, transform: style.textTransform, size: style.fontSize, spacing: style.letterSpacing };
  });
  assert.doesNotMatch(inside.font, /Georgia/);
  assert.equal(inside.transform, 'none');
  assert.equal(inside.size, '30.4px', 'sized from the viewer\'s 16px, not the page\'s 10px root');
  // The page's `* { letter-spacing: .01em }` matches nothing inside the shadow root.
  const spacing = await page.locator('folio-viewer .row .meta').first().evaluate((p) => getComputedStyle(p).letterSpacing);
  assert.equal(spacing, 'normal');
});

test('custom properties theme it', async () => {
  const { page } = site;
  await page.locator('folio-viewer .row-title').first().hover();
  assert.equal(await page.locator('folio-viewer .row-title').first().evaluate((a) => getComputedStyle(a).color), 'rgb(156, 47, 16)');
  assert.equal(await page.locator('folio-viewer .folio').evaluate((f) => getComputedStyle(f).backgroundColor), 'rgb(255, 253, 248)');
});

test('it scrolls inside its own box, and opening an article keeps the page\'s title', async () => {
  const { page } = site;
  const box = await page.locator('folio-viewer').evaluate((node) => [node.clientHeight, node.scrollHeight]);
  assert.equal(box[0], 640);
  assert.ok(box[1] > box[0], 'the list is taller than the box');
  await page.locator('folio-viewer .row-title', { hasText: 'Getting started' }).click();
  await page.locator('folio-viewer .article-title').waitFor();
  assert.equal(new URL(page.url()).hash, '#/a/getting-started');
  assert.equal(await page.title(), pageTitle);
  assert.equal(await page.locator('.masthead h1').isVisible(), true);
  await page.goBack();
  await page.locator('folio-viewer .row-title').first().waitFor();
});

test('`/` belongs to the page outside the viewer and to the viewer inside it', async () => {
  const { page } = site;
  await page.locator('.story p').first().click();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BODY');
  await page.locator('folio-viewer .row-title').first().focus();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.querySelector('folio-viewer').shadowRoot.activeElement?.id), 'search-input');
  await page.keyboard.type('OTT');
  await page.locator('folio-viewer .search-status .count', { hasText: '“OTT”' }).waitFor();
  assert.equal(await page.title(), pageTitle);
});

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
