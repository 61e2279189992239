// Articles written to attack the reader (tests/support/attack-vectors.mjs: raw HTML, javascript:,
// vbscript: and data: URLs in every spelling and every place a URL goes, event handlers, parsing
// differentials, DOM clobbering, markup in front matter) are built into a site by the real CLI and
// opened in Debian's Chromium, rendered both through createFolio().render()/renderMarkdown()/
// renderMany() and through the viewer's #/a/<id> page. alert/confirm/prompt/print are hooked
// before any page script runs; every element, attribute and URL that reaches the DOM is checked;
// the console must stay empty.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attackFrontMatter, attackVectors as handPicked, urlSchemeVectors } from '../support/attack-vectors.mjs';
import { openSite } from '../support/browser.mjs';
import { guardPage, inspect } from '../support/dom-safety.mjs';
import { runCli } from '../support/cli.mjs';

const attackVectors = [...handPicked, ...urlSchemeVectors];
const perArticle = 20;
const articleIds = [];
const titles = new Map();
const work = mkdtempSync(path.join(tmpdir(), 'folio-attack-'));
const siteDir = path.join(work, 'site');
let site;
let externalRequests;
let dialogs;

before(async () => {
  const posts = path.join(work, 'posts');
  mkdirSync(posts);
  for (let i = 0; i * perArticle < attackVectors.length; i += 1) {
    const id = `attack-${i + 1}`;
    const title = `${attackFrontMatter.title} ${i + 1}`;
    articleIds.push(id);
    titles.set(id, title);
    // JSON strings are valid YAML double-quoted scalars.
    const front = [`id: ${JSON.stringify(id)}`, `title: ${JSON.stringify(title)}`,
      `author: ${JSON.stringify(attackFrontMatter.author)}`, `date: ${JSON.stringify(attackFrontMatter.date)}`,
      `url: ${JSON.stringify(attackFrontMatter.url)}`].join('\n');
    const body = attackVectors.slice(i * perArticle, (i + 1) * perArticle).join('\n\n');
    writeFileSync(path.join(posts, `${id}.md`), `---\n${front}\n---\n\nclobber 攻击\n\n${body}\n`);
  }
  const built = runCli(['build', posts, '-o', siteDir]);
  assert.equal(built.status, 0, built.stderr);

  site = await openSite(siteDir);
  ({ dialogs, externalRequests } = await guardPage(site, siteDir));
});

after(async () => {
  await site?.close();
  rmSync(work, { recursive: true, force: true });
});

const settle = (page) => page.waitForTimeout(300); // let image errors, focus and toggle events fire

test('createFolio().render(), renderMarkdown() and renderMany() put only safe markup into the page', async () => {
  const { page, url } = site;
  await page.goto(url);
  await page.locator(`a[href="#/a/${articleIds[0]}"]`).waitFor();
  const count = await page.evaluate(async ({ ids, vectors }) => {
    const { createFolio } = await import(new URL('folio.js', document.baseURI).href);
    const folio = await createFolio({ corpusUrl: new URL('corpus.json', document.baseURI) });
    const pieces = ids.map((id) => folio.render(id));
    for (const vector of vectors) {
      pieces.push(folio.renderMarkdown(vector), folio.renderMarkdown(vector, { cjkEmphasis: true }),
        folio.renderDocument(vector, { baseUrl: 'https://example.com/a/' }).html);
    }
    pieces.push(...folio.renderMany(vectors));
    const box = document.createElement('section');
    box.id = 'attack-box';
    for (const html of pieces) {
      const piece = document.createElement('div');
      piece.className = 'attack-piece';
      piece.innerHTML = html;
      box.append(piece);
    }
    document.body.append(box);
    folio.close();
    return pieces.length;
  }, { ids: articleIds, vectors: attackVectors });
  assert.equal(count, articleIds.length + attackVectors.length * 4);
  await settle(page);
  assert.deepEqual(await page.evaluate(inspect, { selector: '.attack-piece', strict: true }), []);
  assert.deepEqual(await page.evaluate(inspect, { selector: 'body', strict: false }), []);
  assert.deepEqual(await page.evaluate(() => window.__scriptRan), []);
});

test('the viewer shows each attack article at #/a/<id> with markup as text and nothing dangerous in the DOM', async () => {
  const { page, url } = site;
  for (const id of articleIds) {
    await page.goto(`${url}#/a/${id}`);
    const heading = page.locator('.article-title');
    await heading.waitFor();
    assert.equal(await heading.textContent(), titles.get(id), `${id}: the title is shown as text`);
    assert.equal(await heading.evaluate((h) => h.children.length), 0, `${id}: the title has no markup`);
    await settle(page);
    assert.deepEqual(await page.evaluate(inspect, { selector: '.article-body', strict: true }), [], id);
    assert.deepEqual(await page.evaluate(inspect, { selector: 'body', strict: false }), [], id);
  }
  assert.deepEqual(await page.evaluate(() => window.__scriptRan), []);
});

test('the list and search results show front matter and snippets as text', async () => {
  const { page, url } = site;
  await page.goto(`${url}#/`);
  const link = page.locator(`a[href="#/a/${articleIds[0]}"]`);
  await link.waitFor();
  assert.equal(await link.textContent(), titles.get(articleIds[0]));
  assert.deepEqual(await page.evaluate(inspect, { selector: 'body', strict: false }), []);
  await page.goto(`${url}#/search?q=${encodeURIComponent('clobber')}`);
  await page.locator('.results .result').first().waitFor();
  // Ten results at a time (viewer.js pageSize): "More results" until the first attack is shown.
  const hit = page.locator(`.results a[href="#/a/${articleIds[0]}?q=clobber"]`);
  while (!(await hit.count())) {
    const shown = await page.locator('.results .result').count();
    await page.locator('.search-view .more').click();
    await page.locator('.results .result').nth(shown).waitFor();
  }
  await settle(page);
  assert.deepEqual(await page.evaluate(inspect, { selector: 'body', strict: false }), []);
  assert.deepEqual(await page.evaluate(() => window.__scriptRan), []);
});

test('no dialog opened, the page never left its origin, and the console is empty', async () => {
  assert.deepEqual(dialogs, []);
  assert.equal(new URL(site.page.url()).host, new URL(site.url).host);
  assert.deepEqual(site.console, []);
  // Only allowed schemes were requested from elsewhere (http images of example.com and the like).
  assert.ok(externalRequests.every((u) => /^https?:/.test(u)), externalRequests.join('\n'));
});
