// Measures the viewer in Chromium on a built site: time to the first list paint and to search
// being ready (User Timing marks the viewer sets), bytes fetched by the page and its worker,
// rows in the DOM and long tasks while scrolling the whole list, and one search's latency.
// Usage: node scripts/measure-viewer.mjs <site> [--runs 3]
import { statSync } from 'node:fs';
import path from 'node:path';
import { openSite, strictCsp, viewerReady } from '../tests/support/browser.mjs';

const args = process.argv.slice(2);
const root = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
if (!root) {
  console.error('usage: node scripts/measure-viewer.mjs <site> [--runs N] [--query 微信]');
  process.exit(2);
}
const query = args.includes('--query') ? args[args.indexOf('--query') + 1] : '微信';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (let run = 0; run < runs; run++) {
  const site = await openSite(root, { headers: { 'Content-Security-Policy': strictCsp } });
  const { page } = site;
  page.setDefaultTimeout(600_000);
  await page.goto(site.url);
  await viewerReady(page);
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  const bytes = [...new Set(site.requests)].reduce((sum, p) => {
    try { return sum + statSync(path.join(root, decodeURIComponent(p) === '/' ? 'index.html' : decodeURIComponent(p))).size; } catch { return sum; }
  }, 0);
  // Scroll the whole list in screen-sized steps, one frame each, counting long tasks.
  const scroll = await page.evaluate(async () => {
    const long = [];
    const observer = new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const root = document.querySelector('folio-viewer').shadowRoot;
    let maxRows = 0;
    let steps = 0;
    const start = performance.now();
    for (let y = 0; y < document.documentElement.scrollHeight - innerHeight; y += innerHeight * 20) {
      window.scrollTo(0, y);
      await frame();
      await frame();
      maxRows = Math.max(maxRows, root.querySelectorAll('.row').length);
      steps++;
    }
    const elapsed = performance.now() - start;
    observer.disconnect();
    return { steps, msPerStep: elapsed / steps, maxRows, longTasks: long.length, longestTask: Math.max(0, ...long) };
  });
  const search = await page.evaluate(async (q) => {
    const folio = document.querySelector('folio-viewer').folio;
    const times = [];
    let total = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      total = (await folio.search(q, { limit: 20 })).total;
      times.push(performance.now() - t);
    }
    return { total, ms: times.sort((a, b) => a - b)[2] };
  }, query);
  results.push({ list: marks['folio:list'], ready: marks['folio:ready'], articles: marks['folio:articles'], bytes, scroll, search });
  await site.close();
}
console.log(JSON.stringify(results, null, 1));
console.log(`median of ${runs}: first list paint ${median(results.map((r) => r.list)).toFixed(0)} ms, search ready ${median(results.map((r) => r.ready)).toFixed(0)} ms, ` +
  `bytes ${results[0].bytes}, rows in DOM ≤ ${Math.max(...results.map((r) => r.scroll.maxRows))}, ` +
  `long tasks while scrolling ${median(results.map((r) => r.scroll.longTasks))}, search "${query}" ${median(results.map((r) => r.search.ms)).toFixed(1)} ms (${results[0].search.total} hits)`);
