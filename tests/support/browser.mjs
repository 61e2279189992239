// Chromium scenarios: Debian's /usr/bin/chromium driven by playwright-core (never a downloaded
// browser), the site served on 127.0.0.1, and every console message and page error collected so
// each scenario can end by asserting the console is empty (Pagefind's rule).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { required, testSite } from './env.mjs';

/** The policy the issue names (folio 5): the viewer must work under it, with no exception. */
export const strictCsp =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src * data:";

/**
 * Opens `root` in Chromium. `locale`, `colorScheme` and `viewport` set the browser's; every page
 * reports Content-Security-Policy violations to its console, so "the console is empty" covers
 * them too.
 */
export async function openSite(root, { headers, locale = 'en-US', colorScheme = 'light', viewport } = {}) {
  required(path.join(root, 'index.html'), 'run the site.build test first');
  const served = await startServer({ root, headers });
  const browser = await launch({ locale, colorScheme, viewport });
  return {
    ...browser,
    url: served.url,
    requests: served.requests,
    async close() {
      await browser.close();
      served.server.close();
    },
  };
}

// A page opened from disk, as a file:// URL with no server at all (build --single-file).
// `requests` lists every URL the page asked for, whatever its scheme.
export async function openFile(file) {
  required(file, 'build the file first');
  const browser = await launch();
  const requests = [];
  browser.context.on('request', (request) => requests.push(request.url()));
  return { ...browser, url: pathToFileURL(file).href, requests };
}

async function launch({ locale = 'en-US', colorScheme = 'light', viewport } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'folio-chromium-'));
  // launch() refuses --user-data-dir (toolchain.md pitfall 11); the background-networking flags
  // stop Chromium from dialling hosts this machine cannot reach.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: required(process.env.CHROMIUM ?? '/usr/bin/chromium', 'apt-get install chromium'),
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--lang=${locale}`],
    locale,
    colorScheme,
    viewport: viewport ?? { width: 1280, height: 800 },
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    }, true);
  });
  const console = [];
  const watch = (page) => {
    page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    console,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The sample site under the strict policy, as most viewer scenarios see it. */
export function openViewer(options = {}) {
  return openSite(testSite, { ...options, headers: { 'Content-Security-Policy': strictCsp, ...options.headers } });
}

/**
 * The heading of a drawn notice page (not found, page not found), never the "Loading…"
 * placeholder that holds `main` until the article is looked up: waiting on a bare `main h1`
 * let a test read the title in between (CI, session 6: 'folio' instead of
 * 'Article not found · folio').
 */
export const noticeHeading = 'main .notice h1:not(.placeholder)';

/** Resolves once <folio-viewer> has loaded its corpus and search is ready. */
export async function viewerReady(page) {
  await page.locator('.folio.is-ready').waitFor({ state: 'attached' });
}
