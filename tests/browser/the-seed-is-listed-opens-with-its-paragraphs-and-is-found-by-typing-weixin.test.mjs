import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openSite, noticeHeading } from '../support/browser.mjs';
import { testSite } from '../support/env.mjs';

const seedTitle = '“OTT破冰”是个伪命题，运营商与微信矛盾不可调和';
let site;

before(async () => {
  site = await openSite(testSite);
});
after(async () => site?.close());

test('the seed is listed as a link to #/a/17254', async () => {
  const { page, url } = site;
  await page.goto(url);
  const link = page.locator('a[href="#/a/17254"]');
  await link.waitFor();
  assert.equal(await link.textContent(), seedTitle);
});

test('clicking it opens the article with its paragraphs, and back returns to the list', async () => {
  const { page } = site;
  await page.click('a[href="#/a/17254"]');
  await page.locator('.article-title').waitFor();
  assert.equal(await page.locator('.article-title').textContent(), seedTitle);
  const paragraphs = await page.locator('.article-body p').allTextContents();
  assert.ok(paragraphs.length >= 10, `only ${paragraphs.length} paragraphs`);
  assert.ok(paragraphs[0].startsWith('虎嗅注：'));
  assert.equal(await page.title(), `${seedTitle} · folio`);
  await page.goBack();
  await page.locator('a[href="#/a/17254"]').waitFor();
});

test('the deep link works in a new tab', async () => {
  const tab = await site.context.newPage();
  await tab.goto(`${site.url}#/a/17254`);
  await tab.locator('.article-title').waitFor();
  assert.equal(await tab.locator('.article-title').textContent(), seedTitle);
  await tab.close();
});

test('typing 微信 shows the seed with the match marked', async () => {
  const { page } = site;
  await page.goto(site.url);
  await page.locator('a[href="#/a/17254"]').waitFor();
  await page.locator('#search-input').pressSequentially('微信');
  const hit = page.locator('.results a[href^="#/a/17254?"]');
  await hit.waitFor();
  assert.equal(await hit.textContent(), seedTitle);
  const marks = await page.locator('.results mark').allTextContents();
  assert.ok(marks.includes('微信'), JSON.stringify(marks));
  assert.match(page.url(), /#\/search\?q=%E5%BE%AE%E4%BF%A1$/);
});

test('a missing article gives a friendly page', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/a/no-such-article`);
  await page.locator(noticeHeading).waitFor();
  assert.equal(await page.locator(noticeHeading).textContent(), 'Article not found');
});

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
