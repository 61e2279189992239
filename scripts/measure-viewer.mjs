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
  // Scrolling, counting long tasks (> 50 ms, the main thread blocked): as a wheel does (150 px a
  // frame, 300 frames) and as dragging the scroll bar does (30 jumps across the whole list).
  const scroll = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const root = document.querySelector('folio-viewer').shadowRoot;
    const measure = async (positions) => {
      const long = [];
      const observer = new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => e.duration)));
      observer.observe({ type: 'longtask' });
      let maxRows = 0;
      const start = performance.now();
      for (const y of positions) {
        window.scrollTo(0, y);
        await frame();
        maxRows = Math.max(maxRows, root.querySelectorAll('.row').length);
      }
      await frame();
      observer.disconnect();
      return { frames: positions.length, msPerFrame: (performance.now() - start) / positions.length, maxRows, longTasks: long.length, longestTask: Math.round(Math.max(0, ...long)) };
    };
    const height = document.documentElement.scrollHeight - innerHeight;
    const wheel = await measure(Array.from({ length: 300 }, (_, i) => i * 150));
    const drag = await measure(Array.from({ length: 30 }, (_, i) => (height * (i + 1)) / 30));
    return { wheel, drag, maxRows: Math.max(wheel.maxRows, drag.maxRows) };
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
console.log(`median of ${runs}: first list paint ${median(results.map((r) => r.list)).toFixed(0)} ms, ` +
  `search ready ${median(results.map((r) => r.ready)).toFixed(0)} ms, bytes ${results[0].bytes}, ` +
  `rows in the DOM at most ${Math.max(...results.map((r) => r.scroll.maxRows))}, ` +
  `wheel: ${median(results.map((r) => r.scroll.wheel.msPerFrame)).toFixed(1)} ms/frame, ${median(results.map((r) => r.scroll.wheel.longTasks))} long tasks in 300 frames; ` +
  `drag: ${median(results.map((r) => r.scroll.drag.msPerFrame)).toFixed(1)} ms/frame, ${median(results.map((r) => r.scroll.drag.longTasks))} long tasks in 30 jumps; ` +
  `search "${query}" ${median(results.map((r) => r.search.ms)).toFixed(1)} ms (${results[0].search.total} hits)`);
