// The viewer's words are Chinese or English, chosen from the corpus's language and the
// browser's; article text carries its own `lang` (for CJK fonts); dates are written the reader's
// way, at the time of day the article was published.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { openViewer, viewerReady } from '../support/browser.mjs';
import { testSite } from '../support/env.mjs';

// The seed's date as the corpus gives it: ISO 8601 with +08:00 (issue 3), or as written in the
// source before that ("2013-07-15 18:10"). Either way the reader sees 18:10, the time in Beijing;
// the zone is named when the corpus knows it.
const seedDate = JSON.parse(readFileSync(path.join(testSite, 'corpus.json'), 'utf8'))
  .articles.find((a) => a.id === '17254').date;
const zoned = /(?:[+-]\d\d:?\d\d|Z)$/.test(seedDate);
const zone = zoned ? ' UTC+8' : '';

const opened = [];
after(async () => Promise.all(opened.map((site) => site.close())));

async function viewerIn(locale) {
  const site = await openViewer({ locale });
  opened.push(site);
  await site.page.goto(`${site.url}#/a/17254`);
  await site.page.locator('.article-title').waitFor();
  await viewerReady(site.page);
  return site;
}

test('a Chinese browser gets Chinese words and Chinese dates', async () => {
  const { page } = await viewerIn('zh-CN');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh');
  assert.equal(await page.locator('.back').textContent(), '全部文章');
  assert.equal(await page.locator('#search-input').getAttribute('placeholder'), '搜索…');
  assert.equal(await page.locator('.meta time').textContent(), `2013年7月15日 18:10${zone}`);
  assert.equal(await page.locator('.meta time').getAttribute('datetime'), zoned ? '2013-07-15T10:10:00.000Z' : '2013-07-15T18:10:00');
  await page.goto(page.url().replace(/#.*/, '#/'));
  await page.locator('.list-count').waitFor();
  assert.equal(await page.locator('.list-view h1').textContent(), '文章');
  assert.equal(await page.locator('.list-count').textContent(), '共 7 篇文章');
});

test('an English browser gets English words for the same Chinese corpus', async () => {
  const { page } = await viewerIn('en-US');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.locator('.back').textContent(), 'All articles');
  assert.equal(await page.locator('.meta time').textContent(), `July 15, 2013 at 6:10 PM${zone}`);
});

test('a British reader sees the British order', async () => {
  const { page } = await viewerIn('en-GB');
  assert.equal(await page.locator('.meta time').textContent(), `15 July 2013 at 18:10${zone}`);
});

test('a browser speaking neither takes the corpus language', async () => {
  const { page } = await viewerIn('de-DE');
  assert.equal(await page.locator('.back').textContent(), '全部文章');
  assert.equal(await page.locator('.meta time').textContent(), `15. Juli 2013 um 18:10${zone}`);
});

test('article text declares its language, so Chinese gets CJK fonts and English the Latin ones', async () => {
  const { page } = opened[1];
  assert.equal(await page.locator('article').getAttribute('lang'), 'zh');
  const zhFont = await page.locator('.article-body p').first().evaluate((p) => getComputedStyle(p).fontFamily);
  assert.match(zhFont, /Noto Sans CJK SC/);
  assert.ok(zhFont.indexOf('Noto Sans CJK SC') < zhFont.indexOf('system-ui'), zhFont);
  await page.goto(page.url().replace(/#.*/, '#/a/getting-started'));
  await page.locator('.article-title', { hasText: 'Getting started' }).waitFor();
  assert.equal(await page.locator('article').getAttribute('lang'), 'en');
  const enFont = await page.locator('.article-body p').first().evaluate((p) => getComputedStyle(p).fontFamily);
  assert.match(enFont, /^system-ui/);
  const lineHeights = await page.locator('.article-body p').first().evaluate((p) => parseFloat(getComputedStyle(p).lineHeight) / parseFloat(getComputedStyle(p).fontSize));
  assert.ok(lineHeights >= 1.6, String(lineHeights));
});

test('every console is empty', () => {
  for (const site of opened) assert.deepEqual(site.console, []);
});
