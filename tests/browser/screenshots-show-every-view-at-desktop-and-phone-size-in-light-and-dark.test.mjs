// Saves the list, article and search views (plus the article with its contents, and the
// embedded example) at desktop and phone sizes, light and dark, under build/…/screenshots for a
// person to look at: `<view>-<desktop|phone>-<light|dark>.png`.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { openViewer, viewerReady } from '../support/browser.mjs';
import { screenshotDir } from '../support/env.mjs';

const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } };
const views = [
  ['list', '', '.row-title'],
  ['article', '#/a/17254', '.article-body p'],
  ['article-contents', '#/a/getting-started', '.toc a'],
  ['search', '#/search?q=%E5%BE%AE%E4%BF%A1', '.results mark'],
  ['embed', 'examples/embed.html', '.row-title'],
];
const opened = [];
const saved = [];
mkdirSync(screenshotDir, { recursive: true });
after(async () => Promise.all(opened.map((site) => site.close())));

for (const [size, viewport] of Object.entries(sizes)) {
  for (const colorScheme of ['light', 'dark']) {
    test(`${size}, ${colorScheme}`, async () => {
      const site = await openViewer({ viewport, colorScheme });
      opened.push(site);
      for (const [name, hash, selector] of views) {
        await site.page.goto(`${site.url}${hash}`);
        await site.page.locator(selector).first().waitFor();
        await viewerReady(site.page);
        if (name === 'embed') await site.page.locator('folio-viewer').scrollIntoViewIfNeeded();
        const file = path.join(screenshotDir, `${name}-${size}-${colorScheme}.png`);
        await site.page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
        assert.ok(statSync(file).size > 5000, `${file} is nearly empty`);
        saved.push(file);
      }
    });
  }
}

test('light and dark differ in every view and size', () => {
  for (const file of saved.filter((f) => f.endsWith('-light.png'))) {
    assert.notDeepEqual(readFileSync(file), readFileSync(file.replace('-light.png', '-dark.png')), file);
  }
  assert.equal(saved.length, 20);
});

test('every console is empty', () => {
  for (const site of opened) assert.deepEqual(site.console, []);
});
