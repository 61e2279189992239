// The inputs around the article body, all from strangers, opened in Debian's Chromium through the
// real viewer (<folio-viewer>; Playwright's selectors and dom-safety's inspect reach into its
// shadow root): front matter with markup, javascript: URLs and prototype-pollution keys in every
// field folio reads (and in `meta`), a corpus.json edited by hand to carry __proto__ and
// constructor keys everywhere, and hostile URL fragments and search queries. Fails if any script
// runs (alert & co. are hooked before page scripts), an on* attribute or a javascript: URL reaches
// the DOM, Object/Array/Function/String.prototype or window gain a property, or the console
// says anything.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openSite } from '../support/browser.mjs';
import { runCli } from '../support/cli.mjs';
import { guardPage, inspect, polluted } from '../support/dom-safety.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-hostile-'));
const siteDir = path.join(work, 'site');
let site;
let dialogs;
let externalRequests;

// YAML front matter: every field of the article model, each with markup or a dangerous URL, and
// keys that pollute a JavaScript object if it is built by assignment from them.
const hostileFrontMatter = `---
id: "front-matter"
title: "<img src=x onerror=alert(201)>前言 <script>alert(202)</script>"
author: "<svg onload=alert(203)>"
authors: ["<b onmouseover=alert(204)>a</b>", {name: "<img src=x onerror=alert(205)>"}]
date: "2013-07-15 18:10"
updated: "\\"><script>alert(206)</script>"
url: "javascript:alert(207)"
image: "javascript:alert(208)"
tags: ["<script>alert(209)</script>", "__proto__", "constructor"]
categories: ["<iframe src=javascript:alert(210)>"]
summary: "<img src=x onerror=alert(211)> summary"
lang: "\\" onload=\\"alert(212)"
layout: "<script>alert(213)</script>"
__proto__: {polluted: "yes"}
constructor: {prototype: {polluted: "yes"}}
prototype: {polluted: "yes"}
meta_html: "<img src=x onerror=alert(214)>"
meta_link: "javascript:alert(215)"
nested: {__proto__: {polluted: "yes"}, "<img src=x onerror=alert(216)>": "key with markup"}
---

hostile 前言 body
`;

const tomlFrontMatter = `+++
id = "toml"
title = "<svg/onload=alert(221)>"
author = "<script>alert(222)</script>"
url = "  JaVaScRiPt:alert(223)"
tags = ["__proto__"]
[extra]
"__proto__" = { polluted = "yes" }
+++

toml 攻击 body
`;

// Queries and URL fragments: markup, pollution keys, broken percent-encoding, syntax edge cases,
// control and bidi characters, and sizes far past a sensible query.
const hostileQueries = ['<img src=x onerror=alert(231)>', '"><svg onload=alert(232)>',
  'javascript:alert(233)', '__proto__', 'constructor', 'author:<script>alert(234)</script>',
  'tag:__proto__', '-tag:constructor', 'year:99999999999999999999', 'date:..', 'date:2013-13-45..x',
  '"', '"""""', '-', '-"', 'author:', '\u202e\u0000\ud800 前言', '前'.repeat(5000), 'a '.repeat(3000),
  '"a'.repeat(2000)];
const hostileFragments = [
  '#/a/<img src=x onerror=alert(241)>', '#/a/%3Cscript%3Ealert(242)%3C%2Fscript%3E',
  '#/a/javascript:alert(243)', '#/a/__proto__', '#/a/constructor', '#/a/%E0%A4%A', '#/a/%',
  '#/a/..%2F..%2Fcorpus.json', '#javascript:alert(244)', '#/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(245)%3E',
  '#/search?q=%', '#/search?q=__proto__&q=constructor', `#/a/${'x'.repeat(100000)}`,
  '#/a/front-matter#<img src=x onerror=alert(246)>', '#/a/toml?<svg onload=alert(247)>',
  // (a lone surrogate cannot be percent-encoded: that query is only typed)
  ...hostileQueries.filter((q) => q.isWellFormed?.() ?? !/[\ud800-\udfff]/.test(q))
    .map((q) => `#/search?q=${encodeURIComponent(q)}`)];

before(async () => {
  const posts = path.join(work, 'posts');
  mkdirSync(posts);
  writeFileSync(path.join(posts, 'front-matter.md'), hostileFrontMatter);
  writeFileSync(path.join(posts, 'toml.md'), tomlFrontMatter);
  const built = runCli(['build', posts, '-o', siteDir]);
  assert.equal(built.status, 0, built.stderr);
  // corpus.json as a hostile host would serve it: pollution keys at every level. The index file
  // goes, so the browser builds its own for the edited corpus instead of warning that it is stale.
  const corpusFile = path.join(siteDir, 'corpus.json');
  const corpus = JSON.parse(readFileSync(corpusFile, 'utf8'));
  const poison = { polluted: 'yes', isAdmin: true };
  const withPoison = (object) => JSON.parse(JSON.stringify(object).replace(/^\{/,
    `{"__proto__":${JSON.stringify(poison)},"constructor":{"prototype":${JSON.stringify(poison)}},`));
  corpus.articles = corpus.articles.map((article) => withPoison({ ...article, meta: withPoison(article.meta ?? {}) }));
  corpus.articles.push(withPoison({ id: '__proto__', title: '__proto__', markdown: 'proto 攻击' }));
  corpus.articles.push(withPoison({ id: 'constructor', title: 'constructor', markdown: 'constructor 攻击' }));
  writeFileSync(corpusFile, JSON.stringify(withPoison(corpus)));
  assert.match(readFileSync(corpusFile, 'utf8'), /"__proto__":\{"polluted"/);
  unlinkSync(path.join(siteDir, 'folio-index.bin'));

  site = await openSite(siteDir);
  ({ dialogs, externalRequests } = await guardPage(site, siteDir));
});

after(async () => {
  await site?.close();
  rmSync(work, { recursive: true, force: true });
});

const settle = (page) => page.waitForTimeout(200);
// The viewer has drawn a view other than its "Loading…" placeholder.
const viewShown = (page) => page.locator('#view > :not(:has(h1.placeholder))').first().waitFor();

async function assertClean(page, where) {
  await settle(page);
  assert.deepEqual(await page.evaluate(inspect, { selector: 'body', strict: false }), [], where);
  assert.deepEqual(await page.evaluate(polluted), [], where);
  assert.deepEqual(await page.evaluate(() => window.__scriptRan), [], where);
}

test('articles whose every front-matter field carries markup show it as text and pollute nothing', async () => {
  const { page, url } = site;
  await page.goto(`${url}#/`);
  await page.locator('a[href="#/a/front-matter"]').waitFor();
  await assertClean(page, 'list');
  for (const [id, title] of [['front-matter', '<img src=x onerror=alert(201)>前言 <script>alert(202)</script>'],
    ['toml', '<svg/onload=alert(221)>'], ['__proto__', '__proto__'], ['constructor', 'constructor']]) {
    await page.goto(`${url}#/a/${encodeURIComponent(id)}`);
    const heading = page.locator('.article-title');
    await heading.waitFor();
    assert.equal(await heading.textContent(), title, `${id}: the title is shown as text`);
    assert.deepEqual(await page.evaluate(inspect, { selector: '.article-body', strict: true }), [], id);
    await assertClean(page, id);
  }
  // What folio.js hands an embedder: the fields as data, frozen, with no inherited poison.
  const seen = await page.evaluate(async () => {
    const { createFolio } = await import(new URL('folio.js', document.baseURI).href);
    const folio = await createFolio({ corpusUrl: new URL('corpus.json', document.baseURI) });
    const article = folio.article('front-matter');
    const list = folio.articles();
    const result = {
      ids: list.map((a) => a.id).sort(),
      url: article.url,
      image: article.image,
      frozen: Object.isFrozen(article) && Object.isFrozen(article.meta),
      protoIsObject: Object.getPrototypeOf(article.meta) === Object.prototype,
      inherited: ({}).polluted ?? null,
      hits: folio.search('前言').hits.map((h) => h.id),
    };
    folio.close();
    return result;
  });
  assert.deepEqual(seen.ids, ['__proto__', 'constructor', 'front-matter', 'toml']);
  assert.equal(seen.url, '', 'a javascript: url is no url');
  assert.equal(seen.image, '', 'nor a javascript: image');
  assert.equal(seen.frozen, true);
  assert.equal(seen.protoIsObject, true);
  assert.equal(seen.inherited, null);
  assert.deepEqual(seen.hits, ['front-matter']);
  await assertClean(page, 'folio.js');
});

test('hostile URL fragments and queries show text or "not found", never script', async () => {
  const { page, url } = site;
  for (const fragment of hostileFragments) {
    await page.goto(`${url}${fragment}`);
    await viewShown(page);
    await assertClean(page, fragment.slice(0, 80));
  }
  // Typed into the search box, as a user pasting them would.
  await page.goto(`${url}#/`);
  const box = page.locator('input[type="search"]');
  for (const query of hostileQueries) {
    await box.fill(query);
    await viewShown(page);
    await assertClean(page, `typed ${query.slice(0, 40)}`);
  }
});

test('no dialog opened, nothing was fetched from elsewhere, and the console is empty', async () => {
  assert.deepEqual(dialogs, []);
  assert.deepEqual(externalRequests, []);
  assert.deepEqual(site.console, []);
});
