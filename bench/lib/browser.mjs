// Debian's Chromium driven by playwright-core (the root package.json pins it; no browser is ever
// downloaded), with the flags of tests/support/browser.mjs: the background-networking ones stop
// Chromium from dialling hosts this machine cannot reach.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { required } from './util.mjs';

export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser() {
  const profile = await mkdtemp(path.join(tmpdir(), 'folio-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: required(chromiumPath, 'apt-get install chromium'),
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    errors,
    profile, // its --user-data-dir: tells this browser's processes from any other Chromium's
    version: context.browser()?.version() ?? null,
    async newPage() {
      return context.pages()[0] ?? context.newPage();
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
