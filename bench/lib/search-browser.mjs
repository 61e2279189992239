// folio (WASM, through folio.js) and Pagefind (through its pagefind.js) searched inside Chromium.
import path from 'node:path';
import { siteEntry } from './engines.mjs';
import { idFromUrl } from './pagefind.mjs';
import { startBenchServer } from './server.mjs';
import { benchDir } from './util.mjs';

/**
 * engine: 'folio' | 'pagefind'. Resolves to { init: [ms…], cold: [ms per query], passes,
 * passesSnippets (folio), indexSource (folio), results: [[ids]…], isolated }. `inits` fresh page loads are timed from import to ready.
 */
export async function searchInBrowser(browser, { engine, site, bundle, lang, queries, passes, limit, maxHits, fragmentMap, inits }) {
  const server = await startBenchServer({
    isolate: true,
    mounts: { '/bench/': path.join(benchDir, 'pages'), ...(site ? { '/site/': site } : {}), ...(bundle ? { '/pagefind/': bundle } : {}) },
  });
  const page = await browser.context.newPage();
  try {
    const url = `${server.url}/bench/search.html?engine=${engine}&site=/site/&entry=${siteEntry}&bundle=/pagefind/&lang=${lang ?? 'zh'}`;
    const init = [];
    for (let i = 0; i < inits; i += 1) {
      await page.goto(url);
      await page.waitForFunction(() => window.bench !== undefined);
      init.push(await page.evaluate(() => window.bench.init()));
    }
    const isolated = await page.evaluate(() => window.bench.isolated());
    const plain = queries.map((q) => ({ kind: q.kind, text: q.text, needle: q.needle }));
    const { cold, passes: timed } = await page.evaluate(([qs, p, l]) => window.bench.run(qs, p, l), [plain, passes, limit]);
    // folio again as a search box uses it: 20 hits with snippets.
    const passesSnippets = engine === 'folio'
      ? (await page.evaluate(([qs, p, l]) => window.bench.run(qs, p, l, { snippets: true }), [plain, passes, limit])).passes
      : undefined;
    const indexSource = await page.evaluate(() => window.bench.indexSource());
    const raw = await page.evaluate(([qs, l]) => window.bench.all(qs, l), [plain, maxHits]);
    const results = [];
    for (let i = 0; i < raw.length; i += 1) {
      if (engine !== 'pagefind') {
        results.push(raw[i].map(String));
        continue;
      }
      const ids = raw[i].map((id) => fragmentMap[id] ?? null);
      const unknown = raw[i].filter((_, k) => ids[k] === null);
      if (unknown.length) {
        // Fragments bundled into shared files: ask Pagefind for the URLs.
        const pairs = await page.evaluate(([q, u]) => window.bench.urls(q, u), [plain[i], unknown]);
        const byId = new Map(pairs.map(([id, u]) => [id, idFromUrl(u)]));
        raw[i].forEach((id, k) => {
          if (ids[k] === null) ids[k] = byId.get(id) ?? null;
        });
      }
      results.push(ids.filter((id) => id !== null));
    }
    return { init, cold, passes: timed, passesSnippets, indexSource, results, isolated };
  } finally {
    await page.close();
    await server.close();
  }
}
