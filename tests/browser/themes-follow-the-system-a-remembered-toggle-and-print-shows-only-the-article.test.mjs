// Light and dark follow the system until the reader picks one with the toggle; the choice is
// remembered across visits. Printing shows the article alone, black on white.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openViewer, viewerReady } from '../support/browser.mjs';

const opened = [];
after(async () => Promise.all(opened.map((site) => site.close())));

const theme = (page) => page.locator('.folio').getAttribute('data-theme');
const background = (page) => page.locator('.folio').evaluate((node) => getComputedStyle(node).backgroundColor);

test('a dark system gets the dark theme, a light one the light theme', async () => {
  for (const [colorScheme, color] of [['dark', 'rgb(21, 23, 26)'], ['light', 'rgb(255, 255, 255)']]) {
    const site = await openViewer({ colorScheme });
    opened.push(site);
    await site.page.goto(site.url);
    await viewerReady(site.page);
    assert.equal(await theme(site.page), colorScheme);
    assert.equal(await background(site.page), color);
    assert.equal(await site.page.evaluate(() => document.documentElement.style.colorScheme), colorScheme);
  }
});

test('the toggle switches, says so, and is remembered after a reload', async () => {
  const { page } = opened[1]; // light system
  const toggle = page.locator('.theme-toggle');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await toggle.getAttribute('aria-label'), 'Dark theme');
  await toggle.click();
  assert.equal(await theme(page), 'dark');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => localStorage.getItem('folio.theme')), 'dark');
  await page.reload();
  await viewerReady(page);
  assert.equal(await theme(page), 'dark');
  await toggle.click();
  assert.equal(await theme(page), 'light');
});

test('printing an article shows its text only, black on white, with link addresses', async () => {
  const { page } = opened[0]; // dark system
  await page.goto(`${page.url().replace(/#.*/, '')}#/a/getting-started`);
  await page.locator('.toc').waitFor();
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.bar', '.toc', '.neighbours', '.crumbs']) {
    assert.equal(await page.locator(hidden).evaluate((node) => getComputedStyle(node).display), 'none', hidden);
  }
  assert.equal(await background(page), 'rgb(255, 255, 255)');
  assert.equal(await page.locator('.article-body p').first().evaluate((p) => getComputedStyle(p).color), 'rgb(0, 0, 0)');
  assert.equal(await page.locator('.article-title').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('.bar').isVisible(), true);
});

test('every console is empty', () => {
  for (const site of opened) assert.deepEqual(site.console, []);
});
