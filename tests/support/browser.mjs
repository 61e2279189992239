// Chromium scenarios: Debian's /usr/bin/chromium driven by playwright-core (never a downloaded
// browser), the site served on 127.0.0.1, and every console message and page error collected so
// each scenario can end by asserting the console is empty (Pagefind's rule).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { required } from './env.mjs';

export async function openSite(root, { headers } = {}) {
  required(path.join(root, 'index.html'), 'run the site.build test first');
  const served = await startServer({ root, headers });
  const browser = await launch();
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

async function launch() {
  const profile = await mkdtemp(path.join(tmpdir(), 'folio-chromium-'));
  // launch() refuses --user-data-dir (toolchain.md pitfall 11); the background-networking flags
  // stop Chromium from dialling hosts this machine cannot reach.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: required(process.env.CHROMIUM ?? '/usr/bin/chromium', 'apt-get install chromium'),
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
