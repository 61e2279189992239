// The URL hash and the search box are untrusted: whatever they hold reaches the page as text.
// Terms are marked in an opened article by splitting its text nodes, never by building HTML,
// so a query cannot add an element; ids and queries in links show up literally.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openViewer, viewerReady, noticeHeading } from '../support/browser.mjs';

let site;
const attack = '<img src=x onerror="window.pwned=1"> 微信 <script>window.pwned=2</script> </mark><b>运营商</b>';

before(async () => {
  site = await openViewer();
  await site.page.addInitScript(() => {
    window.pwned = 0;
  });
});
after(async () => site?.close());

// Every element in the viewer that is neither folio's rendered markup nor the viewer's own.
const foreignElements = (page) => page.evaluate(() => {
  const root = document.querySelector('folio-viewer').shadowRoot;
  return [...root.querySelectorAll('img, script, iframe, object, embed, b, [onerror], [onclick]')]
    .map((node) => node.outerHTML);
});

test('a query full of markup marks only the article text it matches', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/a/17254?q=${encodeURIComponent(attack)}`);
  await viewerReady(page);
  await page.locator('.article-title').waitFor();
  await page.locator('.hit-note').waitFor();
  assert.deepEqual(await foreignElements(page), []);
  const marks = await page.locator('.article-body mark').evaluateAll((nodes) =>
    nodes.map((m) => [m.className, m.childElementCount, m.textContent]));
  assert.ok(marks.length > 0);
  for (const [className, children, text] of marks) {
    assert.equal(className, 'folio-hit');
    assert.equal(children, 0);
    assert.ok(attack.includes(text) || text === '微信', text);
  }
  assert.equal(await page.evaluate(() => window.pwned), 0);
});

test('the search box shows the same query as text in the results page', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/search?q=${encodeURIComponent(attack)}`);
  await page.waitForFunction(() => document.querySelector('folio-viewer').shadowRoot
    .querySelector('.search-status .count')?.textContent.includes('onerror'));
  assert.equal(await page.locator('#search-input').inputValue(), attack);
  assert.deepEqual(await foreignElements(page), []);
  assert.match(await page.title(), /^<img src=x onerror=/);
  assert.equal(await page.evaluate(() => window.pwned), 0);
});

test('a missing article named by markup gets the friendly page, with the id as text', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/a/${encodeURIComponent(attack)}`);
  await page.locator(noticeHeading, { hasText: 'Article not found' }).waitFor();
  assert.ok((await page.locator('.notice p').first().textContent()).includes(attack));
  assert.deepEqual(await foreignElements(page), []);
  const links = await page.locator('.notice-links a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['#/', `#/search?q=${encodeURIComponent(attack).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`]);
  assert.equal(await page.evaluate(() => window.pwned), 0);
});

test('broken escapes and huge hashes are read, not thrown', async () => {
  const { page } = site;
  await page.goto(`${site.url}#/a/%E0%A4%A`);
  await page.locator(noticeHeading, { hasText: 'Article not found' }).waitFor();
  await page.goto(`${site.url}#/search?q=${'微'.repeat(5000)}`);
  await page.locator('.search-status .count').waitFor();
  assert.equal((await page.locator('#search-input').inputValue()).length, 500);
});

test('a phrase that crosses inline markup is marked in pieces, never by rewriting HTML', async () => {
  const { page } = site;
  // "Each article starts with YAML front matter" is split by <strong>/<code> in some posts; the
  // marks must cover the text exactly.
  await page.goto(`${site.url}#/a/front-matter?q=${encodeURIComponent('"front matter" YAML')}`);
  await page.locator('.hit-note').waitFor();
  const marked = await page.locator('.article-body mark').allTextContents();
  assert.ok(marked.length >= 2, JSON.stringify(marked));
  assert.ok(marked.every((text) => /^(front|matter|front matter|yaml)$/i.test(text.trim()) || 'front matter'.includes(text.toLowerCase())), JSON.stringify(marked));
});

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
