// What a stranger's host may serve instead of a good site: a corpus.json that is not JSON, nested
// past the loader's limit, or of another format version, and a damaged folio-index.bin. Opened in
// Chromium through the real viewer (<folio-viewer>): a bad corpus shows its error code on the page (never a blank
// page, never a script error); a bad index is replaced by one built in the browser, so the list
// and search still work. Copies of the sample site (site.build) are damaged one file at a time.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { openSite } from '../support/browser.mjs';
import { required, testSite } from '../support/env.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-broken-'));
after(() => rmSync(work, { recursive: true, force: true }));

function damagedSite(name, damage) {
  const dir = path.join(work, name);
  cpSync(required(testSite, 'run the site.build test first'), dir, { recursive: true });
  damage(dir);
  return dir;
}

async function pageText(dir, waitFor) {
  const site = await openSite(dir);
  try {
    await site.page.goto(site.url);
    await site.page.locator(waitFor).first().waitFor();
    // #view is in the viewer's shadow root, which body.innerText does not include.
    return { text: await site.page.locator('#view').innerText(), console: site.console, site };
  } finally {
    await site.close();
  }
}

for (const [name, corpus, code] of [
  ['not JSON', '<html>404 Not Found</html>', 'corpus.syntax'],
  ['nested past the limit', `{"format":"folio-corpus","version":2,"articles":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    'corpus.too_deep'],
  ['of a future version', '{"format":"folio-corpus","version":99,"articles":[]}', 'corpus.format'],
  ['cut off halfway', null, 'corpus.syntax'],
]) {
  test(`a corpus.json ${name} shows ${code} on the page`, async () => {
    const dir = damagedSite(name.replaceAll(' ', '-'), (d) => {
      const file = path.join(d, 'corpus.json');
      const text = corpus ?? readFileSync(file, 'utf8').slice(0, 4000);
      writeFileSync(file, text);
    });
    const { text, console } = await pageText(dir, '#view .notice h1:not(.placeholder)');
    assert.match(text, new RegExp(code.replace('.', '\\.')), text);
    assert.deepEqual(console.filter((line) => line.startsWith('pageerror')), []);
  });
}

test('a damaged folio-index.bin is rebuilt in the browser: the list and search still work', async () => {
  const dir = damagedSite('bad-index', (d) => {
    const file = path.join(d, 'folio-index.bin');
    const bytes = readFileSync(file);
    for (let i = 100; i < bytes.length; i += 97) bytes[i] ^= 0x5a;
    writeFileSync(file, bytes);
  });
  const site = await openSite(dir);
  try {
    await site.page.goto(`${site.url}#/search?q=${encodeURIComponent('微信')}`);
    await site.page.locator('.results a').first().waitFor();
    assert.ok(await site.page.locator('.results a').count() > 0);
    assert.deepEqual(site.console, []);
  } finally {
    await site.close();
  }
});
