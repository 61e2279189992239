// axe-core (pinned in package.json) finds no serious or critical violation in any view, light
// or dark, page or embedded; landmarks, labels and focus are checked by hand below it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { openSite, viewerReady, noticeHeading } from '../support/browser.mjs';
import { testSite } from '../support/env.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let site;

// Without the CSP header: axe adds an inline <style> of its own, which the strict policy blocks
// (the policy has its own scenario).
before(async () => {
  site = await openSite(testSite);
});
after(async () => site?.close());

async function serious(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function everything(page) {
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact})`);
}

// A check that the check works: axe must see a problem the viewer does not have.
test('axe reports an image without a text alternative', async () => {
  const { page } = site;
  await page.goto(site.url);
  await viewerReady(page);
  await page.evaluate(() => document.querySelector('folio-viewer').shadowRoot.querySelector('.list-head')
    .append(Object.assign(document.createElement('img'), { src: 'data:,' })));
  assert.deepEqual(await serious(page), ['image-alt (critical): folio-viewer,img']);
});

const views = [
  ['list', '', '.row-title'],
  ['article', '#/a/17254?q=%E5%BE%AE%E4%BF%A1', '.hit-note'],
  ['article with contents', '#/a/getting-started', '.toc a'],
  ['search', '#/search?q=folio', '.results .result-title'],
  ['not found', '#/a/nothing-here', noticeHeading],
  ['embedded in a foreign page', 'examples/embed.html', '.row-title'],
];

for (const scheme of ['light', 'dark']) {
  for (const [name, hash, selector] of views) {
    test(`${name}, ${scheme}: no serious or critical violations`, async () => {
      const { page } = site;
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${site.url}${hash}`);
      await page.locator(selector).first().waitFor();
      await viewerReady(page);
      assert.deepEqual(await serious(page), []);
      assert.deepEqual(await everything(page), [], 'moderate and minor ones too, while there are none');
    });
  }
}

test('the page has banner, search, main landmarks and labelled controls', async () => {
  const { page } = site;
  await page.goto(site.url);
  await viewerReady(page);
  assert.equal(await page.getByRole('banner').count(), 1);
  assert.equal(await page.getByRole('main').count(), 1);
  assert.equal(await page.getByRole('search').count(), 1);
  assert.equal(await page.getByRole('searchbox', { name: 'Search articles' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Dark theme' }).count(), 1);
  assert.equal(await page.getByRole('list', { name: 'Articles' }).count(), 1);
});

test('an embedded viewer adds a labelled region, not a second main or banner', async () => {
  const { page } = site;
  await page.goto(`${site.url}examples/embed.html`);
  await viewerReady(page);
  assert.equal(await page.getByRole('main').count(), 1);
  assert.equal(await page.getByRole('banner').count(), 1);
  assert.equal(await page.getByRole('region', { name: 'folio' }).count(), 1);
});

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
