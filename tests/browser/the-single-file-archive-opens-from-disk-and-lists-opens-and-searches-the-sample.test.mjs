// `folio build assets --single-file archive.html` is the whole sample site in one file: opened
// from disk (file://, no server, nothing beside it) in Chromium it lists the articles, opens one
// and searches, with the same hits `folio search` gives, while asking nothing of the network.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { openFile } from '../support/browser.mjs';
import { runCli } from '../support/cli.mjs';
import { sourceDir, wasmDir } from '../support/env.mjs';

const seedTitle = '“OTT破冰”是个伪命题，运营商与微信矛盾不可调和';
const sentence = '然而作者认为，运营商和微信之间，存在着天然的、不可调和的矛盾';
const work = mkdtempSync(path.join(tmpdir(), 'folio-single-'));
const archive = path.join(work, 'x.html');
const site = path.join(mkdtempSync(path.join(tmpdir(), 'folio-single-site-')), 'site');
let browser;

before(async () => {
  // The very command: no site folder, only the file.
  const built = runCli(['build', path.join(sourceDir, 'assets'), '--single-file', archive]);
  assert.equal(built.status, 0, built.stderr);
  assert.match(built.stderr, /^folio build: built 7 articles into .*x\.html in /);
  assert.deepEqual(readdirSync(work), ['x.html'], 'nothing else is written');
  // The same build as a site folder, for `folio search` to compare with.
  const folder = runCli(['build', path.join(sourceDir, 'assets'), '-o', site, '--quiet']);
  assert.equal(folder.status, 0, folder.stderr);
  browser = await openFile(archive);
});
after(async () => browser?.close());

test('the file holds the corpus, the index and the WebAssembly core, and a strict policy', () => {
  const html = readFileSync(archive, 'utf8');
  assert.ok(html.includes('data-folio-file="corpus.json"'));
  assert.ok(html.includes('data-folio-file="folio-index.bin"'));
  assert.ok(html.includes('data-folio-file="folio-core.wasm"'));
  const wasm = readFileSync(path.join(wasmDir, 'folio-core.wasm'));
  assert.ok(html.includes(wasm.toString('base64')), 'the core, byte for byte');
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'sha256-[^']+' 'wasm-unsafe-eval';/, 'only its own script runs');
  assert.match(policy, /connect-src 'none'/);
});

test('opened from disk, it lists the sample articles', async () => {
  const { page, url } = browser;
  assert.match(url, /^file:\/\//);
  await page.goto(url);
  const link = page.locator('a[href="#/a/17254"]').first();
  await link.waitFor();
  assert.equal((await link.textContent()).trim(), seedTitle);
  const corpus = JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8'));
  for (const { id } of corpus.articles) {
    await page.locator(`a[href="#/a/${encodeURIComponent(id)}"]`).first().waitFor();
  }
});

test('it opens the seed with its text, once', async () => {
  const { page } = browser;
  await page.locator('a[href="#/a/17254"]').first().click();
  await page.getByText(sentence).first().waitFor();
  // What the reader sees (innerText leaves out the data elements that hold the corpus).
  const text = await page.locator('body').evaluate((body) => {
    const viewer = body.querySelector('folio-viewer');
    return viewer ? viewer.shadowRoot.textContent : body.innerText;
  });
  assert.equal(text.split(sentence).length - 1, 1, 'the scraped duplicate paragraph is gone');
});

test('typing 微信 finds the same articles, in the same order, as `folio search`', async () => {
  const { page, url } = browser;
  await page.goto(`${url}#/`);
  const input = page.locator('input[type="search"]').first();
  await input.waitFor();
  await input.pressSequentially('微信');
  // A result links to its article with the query, which the article then marks: #/a/17254?q=…
  const hit = page.locator('.results a[href^="#/a/17254?"]').first();
  await hit.waitFor();
  const marks = await page.locator('.results mark').allTextContents();
  assert.ok(marks.includes('微信'), JSON.stringify(marks));
  const shown = [...new Set((await page.locator('.results a[href^="#/a/"]').evaluateAll(
    (links) => links.map((a) => decodeURIComponent(a.getAttribute('href').slice(4).split('?')[0])))))];
  const cli = runCli(['search', site, '微信', '--json', '--limit', '50']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(shown, JSON.parse(cli.stdout).hits.map((h) => h.id));
});

test('nothing was fetched from anywhere, and the console is empty', () => {
  const outside = browser.requests.filter((u) => !/^(file|data|blob):/.test(u));
  assert.deepEqual(outside, []);
  assert.ok(browser.requests.every((u) => !u.startsWith('file:') || u === browser.url.split('#')[0]),
    `only the page itself is read from disk: ${browser.requests.join(', ')}`);
  assert.deepEqual(browser.console, []);
});
