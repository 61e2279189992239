// Load benchmark: a cold visit in Chromium, timed from navigation start (performance.now() in the
// page) to the first list paint and, on a second cold visit to a search deep link, to the first
// search results; bytes are what the server sent before each milestone (Web Worker fetches
// included). folio is its own viewer (index.html of the built site); Pagefind is its default UI
// (pagefind-ui.js) over the same articles, which shows no list, so its list column is empty.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startBenchServer } from './server.mjs';
import { benchDir, gzipSize, isPrecompressed, nowMs, summarize } from './util.mjs';

// What counts as a milestone: folio's article links are #/a/<id> (a public contract); search
// results are the links inside the viewer's result list (both in <folio-viewer>'s shadow root).
export const milestones = {
  folio: {
    list: { hash: '', selector: 'a[href^="#/a/"]' },
    search: { hash: (q) => `#/search?q=${encodeURIComponent(q)}`, selector: '.results a[href^="#/a/"]' },
  },
  pagefind: {
    search: { hash: (q) => `#q=${encodeURIComponent(q)}`, selector: '.pagefind-ui__result-link' },
  },
};

// Injected before any page script: records when the first element matching the selector exists,
// two animation frames later (after it was painted), and tells the harness. folio's viewer draws
// inside <folio-viewer>'s open shadow root, which a MutationObserver on the document does not
// see: that root is observed as soon as it appears.
function watcher() {
  const selector = window.__benchSelector;
  let root = null;
  let found = false;
  const done = () => {
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__benchMilestone = performance.now();
      window.benchMark();
    }));
  };
  const check = () => {
    if (found || !(document.querySelector(selector) || root?.querySelector(selector))) return;
    found = true;
    observer.disconnect();
    done();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  // Each frame until the viewer's shadow root exists, then that root is observed too.
  const findRoot = () => {
    root = document.querySelector('folio-viewer')?.shadowRoot ?? null;
    if (found) return;
    if (!root) {
      requestAnimationFrame(findRoot);
      return;
    }
    observer.observe(root, { childList: true, subtree: true });
    check();
  };
  findRoot();
}

const gzipCache = new Map();
// What a host that gzips would send for a logged response (a whole file, or the byte range of a
// 206 answer); files already gzip (Pagefind's) count as they are.
function gzipOf({ file, range }) {
  const key = range ? `${file}#${range[0]}+${range[1]}` : file;
  if (!gzipCache.has(key)) {
    const whole = readFileSync(file);
    const data = range ? whole.subarray(range[0], range[0] + range[1]) : whole;
    gzipCache.set(key, !range && isPrecompressed(file, data) ? data.length : gzipSize(data));
  }
  return gzipCache.get(key);
}

/** What the server sent from log index `from` until `until` (nowMs()), raw and as gzip. */
export function sentSince(log, from, until = Infinity, { isData = null } = {}) {
  const sent = log.slice(from).filter((e) => e.at <= until);
  return {
    bytes: sent.reduce((a, e) => a + e.bytes, 0),
    gzipBytes: sent.reduce((a, e) => a + gzipOf(e), 0),
    requests: sent.length,
    ...(isData ? { dataBytes: sent.filter((e) => isData(e.path)).reduce((a, e) => a + e.bytes, 0) } : {}),
  };
}

/**
 * One visit in a new page of `browser`: navigates to `url`, waits until `selector` is painted
 * (ms since navigation start, in the page) and counts what the server sent until then. `after`
 * (page, { server, measure }) runs in the same page before it closes: `measure(navigate)` times
 * a further navigation to the same milestone; its answer is returned as `after`.
 */
export async function visit(browser, server, { url, selector, isData = null, after = null }) {
  const page = await browser.context.newPage();
  let markedAt = null;
  await page.exposeFunction('benchMark', () => {
    markedAt = nowMs();
  });
  await page.addInitScript(`window.__benchSelector = ${JSON.stringify(selector)}; (${watcher})();`);
  const measure = async (navigate) => {
    const from = server.log.length;
    markedAt = null;
    await navigate();
    await page.waitForFunction(() => window.__benchMilestone !== undefined, null, { timeout: 120000 });
    const ms = await page.evaluate(() => window.__benchMilestone);
    // The binding call may land a moment after the page recorded the time.
    const deadline = nowMs() + 2000;
    while (markedAt === null && nowMs() < deadline) await new Promise((r) => setTimeout(r, 10));
    return { ms, ...sentSince(server.log, from, markedAt ?? nowMs(), { isData }) };
  };
  try {
    const first = await measure(() => page.goto(url));
    return after ? { ...first, after: await after(page, { server, measure }) } : first;
  } finally {
    await page.close();
  }
}

/**
 * engine 'folio' (root: a built site) or 'pagefind' (bundle: a Pagefind output folder).
 * Resolves to { list?, search } each { ms, bytes, gzipBytes, requests } summaries over `runs`.
 */
export async function measureLoad(browser, { engine, site, bundle, query, runs }) {
  const mounts = engine === 'folio'
    ? { '/': site }
    : { '/': path.join(benchDir, 'pages'), '/pagefind/': bundle };
  // Byte ranges, as every static host answers them: a sharded folio site reads its packs by range.
  const server = await startBenchServer({ mounts, ranges: true });
  const entry = engine === 'folio' ? '/' : '/pagefind-ui.html';
  const out = {};
  try {
    for (const [name, m] of Object.entries(milestones[engine])) {
      const samples = [];
      for (let r = 0; r < runs; r += 1) {
        const hash = typeof m.hash === 'function' ? m.hash(query) : m.hash;
        const { ms, bytes, gzipBytes, requests } = await visit(browser, server, { url: `${server.url}${entry}${hash}`, selector: m.selector });
        samples.push({ ms, bytes, gzipBytes, requests });
      }
      out[name] = {
        ms: summarize(samples.map((s) => s.ms)),
        bytes: summarize(samples.map((s) => s.bytes)),
        gzipBytes: summarize(samples.map((s) => s.gzipBytes)),
        requests: summarize(samples.map((s) => s.requests)),
      };
    }
  } finally {
    await server.close();
  }
  return out;
}
