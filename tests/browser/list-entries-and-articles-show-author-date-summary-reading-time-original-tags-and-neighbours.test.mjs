// A list entry shows its title (a link to #/a/<id>), author, date and summary, newest first; an
// article shows its author, date, reading time, a link to the original, its tags (each a link to
// the articles with it), a table of contents only when long, and links to the newer and older
// articles beside it in the list. Every expected value comes from the built corpus.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openViewer, viewerReady } from '../support/browser.mjs';
import { testSite } from '../support/env.mjs';

const articles = JSON.parse(readFileSync(path.join(testSite, 'corpus.json'), 'utf8')).articles;
const newestFirst = [...articles].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
const byId = new Map(articles.map((a) => [a.id, a]));
let site;

before(async () => {
  site = await openViewer();
});
after(async () => site?.close());

test('list entries link to #/a/<id> and show title, author, date and summary, newest first', async () => {
  const { page } = site;
  await page.goto(site.url);
  await viewerReady(page);
  const rows = await page.locator('.row').evaluateAll((nodes) => nodes.map((row) => ({
    href: row.querySelector('.row-title').getAttribute('href'),
    title: row.querySelector('.row-title').textContent,
    author: row.querySelector('.author')?.textContent,
    datetime: row.querySelector('time')?.getAttribute('datetime'),
    date: row.querySelector('time')?.textContent,
    summary: row.querySelector('.summary')?.textContent,
  })));
  assert.deepEqual(rows.map((row) => row.href), newestFirst.map((a) => `#/a/${a.id}`));
  for (const [n, row] of rows.entries()) {
    const article = newestFirst[n];
    assert.equal(row.title, article.title);
    assert.equal(row.author, article.author);
    assert.equal(Date.parse(row.datetime), Date.parse(article.date), row.href);
    assert.equal(row.summary, article.summary);
  }
  assert.equal(rows.find((row) => row.href === '#/a/17254').date, 'July 15, 2013');
});

test('an article shows author, date, reading time and the original; the oldest has only a newer neighbour', async () => {
  const { page } = site;
  const seed = byId.get('17254');
  await page.goto(`${site.url}#/a/17254`);
  await page.locator('.article-title').waitFor();
  assert.equal(await page.locator('.article-head .author').textContent(), seed.author);
  assert.match(await page.locator('.article-head time').textContent(), /^July 15, 2013 at 6:10 PM/);
  assert.equal(await page.locator('.article-head .reading').textContent(), `${seed.reading_minutes} min read`);
  const original = page.locator('.article-head a.original');
  assert.equal(await original.getAttribute('href'), seed.url);
  assert.equal(await original.textContent(), 'Original article');
  assert.match(await original.getAttribute('rel'), /noopener/);
  assert.equal(await page.locator('.article-head .tags').count(), 0, 'the seed has no tags');
  assert.equal(await page.locator('.toc').count(), 0, 'a short article has no contents');
  assert.equal(await page.locator('.neighbours a').count(), 1);
  assert.equal(await page.locator('.neighbours a.newer').getAttribute('href'), `#/a/${newestFirst.at(-2).id}`);
  assert.equal(await page.locator('.neighbours a.newer .title').textContent(), newestFirst.at(-2).title);
});

test('an article lists its tags as links, and newer and older open its neighbours', async () => {
  const { page } = site;
  const at = newestFirst.findIndex((a) => a.id === 'front-matter');
  const [newer, here, older] = newestFirst.slice(at - 1, at + 2);
  await page.goto(`${site.url}#/a/${here.id}`);
  await page.locator('.article-title', { hasText: here.title }).waitFor();
  const tags = await page.locator('.article-head .tags a').evaluateAll((links) =>
    links.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(tags, here.tags.map((tag) => [tag, `#/search?tag=${encodeURIComponent(tag)}`]));
  assert.equal(await page.locator('.article-head a.original').count(), 0, 'no url, no link');
  assert.equal(await page.locator('.neighbours a[rel="prev"]').getAttribute('href'), `#/a/${newer.id}`);
  assert.equal(await page.locator('.neighbours a[rel="next"]').getAttribute('href'), `#/a/${older.id}`);
  await page.locator('.neighbours a.older').click();
  await page.locator('.article-title', { hasText: older.title }).waitFor();
  assert.equal(new URL(page.url()).hash, `#/a/${older.id}`);
  await page.locator('.neighbours a.newer').click();
  await page.locator('.article-title', { hasText: here.title }).waitFor();
  assert.equal(new URL(page.url()).hash, `#/a/${here.id}`);
});

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
