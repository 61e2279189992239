// Down to a 360-pixel phone: no view scrolls sideways, the search box spans the width, and the
// text stays at a readable size.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openViewer, viewerReady, noticeHeading } from '../support/browser.mjs';

let site;
before(async () => {
  site = await openViewer({ viewport: { width: 360, height: 740 } });
});
after(async () => site?.close());

const views = [
  ['list', '', '.row-title'],
  ['article', '#/a/17254?q=%E5%BE%AE%E4%BF%A1', '.article-title'],
  ['article with a table', '#/a/front-matter', '.article-title'],
  ['article with contents', '#/a/getting-started', '.toc a'],
  ['search', '#/search?q=folio', '.results .result-title'],
  ['not found', '#/a/a-very-long-missing-article-id-that-should-wrap-instead-of-widening-the-page', noticeHeading],
];

for (const [name, hash, selector] of views) {
  test(`the ${name} view fits 360 pixels`, async () => {
    const { page } = site;
    await page.goto(`${site.url}${hash}`);
    await page.locator(selector).first().waitFor();
    await viewerReady(page);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewer: document.querySelector('folio-viewer').shadowRoot.querySelector('.folio').scrollWidth,
    }));
    assert.ok(widths.page <= 360 && widths.viewer <= 360, JSON.stringify(widths));
    const input = await page.locator('#search-input').evaluate((node) => ({
      width: node.getBoundingClientRect().width,
      font: parseFloat(getComputedStyle(node).fontSize),
    }));
    assert.ok(input.width >= 300, `search box ${input.width}px wide`);
    assert.ok(input.font >= 16, 'phones zoom into inputs under 16px');
  });
}

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
