// Served with `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';
// img-src * data:`, every view works, the WASM core (Embind included) runs in its worker, and
// nothing is blocked. A probe page shows the policy is really enforced, and that the viewer's
// way of sizing things (CSSOM properties) is allowed where style attributes are not.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openViewer, strictCsp, viewerReady } from '../support/browser.mjs';

let site;
let probe;

before(async () => {
  site = await openViewer();
  probe = await openViewer();
});
after(async () => Promise.all([site?.close(), probe?.close()]));

test('every response carries the policy', async () => {
  const { page } = site;
  const response = await page.goto(site.url);
  assert.equal(response.headers()['content-security-policy'], strictCsp);
});

test('list, article, search and the embedded example all work under it', async () => {
  const { page } = site;
  await page.goto(site.url);
  await page.locator('.row-title').first().waitFor();
  await viewerReady(page);
  await page.goto(`${site.url}#/a/getting-started?q=folio`);
  await page.locator('.article-body mark').first().waitFor();
  await page.goto(`${site.url}#/search?q=${encodeURIComponent('运营商')}`);
  await page.locator('.results mark').first().waitFor();
  await page.goto(`${site.url}examples/embed.html`);
  await page.locator('.row-title').first().waitFor();
  assert.ok(site.requests.includes('/folio-core.wasm'), 'the core was loaded');
});

test('the policy is enforced: style attributes, inline <style> and eval are blocked, CSSOM is not', async () => {
  const { page } = probe;
  await page.goto(probe.url);
  await viewerReady(page);
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const viaAttribute = document.createElement('div');
    viaAttribute.setAttribute('style', 'width: 123px');
    const viaCssom = document.createElement('div');
    viaCssom.style.width = '123px';
    const sheet = document.createElement('style');
    sheet.textContent = 'body { width: 7px }';
    document.body.append(viaAttribute, viaCssom, sheet);
    // A string timer is compiled by the page itself (code run from DevTools, as this is, may
    // eval freely), so it shows what the page's own scripts, Embind's glue included, may do.
    window.evalRan = false;
    setTimeout('window.evalRan = true', 0);
    await new Promise((resolve) => setTimeout(resolve, 0)); // queued after it, so runs after it
    const evalRan = window.evalRan;
    const result = {
      attribute: getComputedStyle(viaAttribute).width,
      cssom: getComputedStyle(viaCssom).width,
      inlineSheet: getComputedStyle(document.body).width,
      evalRan,
      violations: [...new Set(violations)].sort(),
    };
    viaAttribute.remove();
    viaCssom.remove();
    sheet.remove();
    return result;
  });
  assert.notEqual(outcome.attribute, '123px');
  assert.equal(outcome.cssom, '123px');
  assert.notEqual(outcome.inlineSheet, '7px');
  assert.equal(outcome.evalRan, false);
  assert.deepEqual(outcome.violations, ['script-src', 'style-src-attr', 'style-src-elem']);
  // The probe's own console holds exactly those three refusals (and the reports of them).
  assert.ok(probe.console.length > 0 && probe.console.every((line) => /Content Security Policy|CSP violation/.test(line)),
    JSON.stringify(probe.console));
});

test('the console is empty', () => {
  assert.deepEqual(site.console, []);
});
