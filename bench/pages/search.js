// Runs one engine's queries inside Chromium: folio through its public folio.js, Pagefind through
// its own pagefind.js (search in its Web Worker, index chunks fetched as it needs them). The
// harness calls window.bench.* through Playwright; every timing is taken here, in the page, with
// performance.now() (5 µs resolution: the server sends cross-origin isolation headers).
const params = new URLSearchParams(location.search);
const engine = params.get('engine');

async function initFolio() {
  const site = params.get('site');
  const { createFolio } = await import(`${site}folio.js`);
  // Fetches the site's entry (corpus.json) and, beside it, folio-index.bin, as the viewer does.
  const folio = await createFolio({ corpusUrl: `${site}${params.get('entry') ?? 'corpus.json'}` });
  return {
    // Without snippets by default (ids and metadata, like the peers); { snippets: true } is what
    // a search box shows.
    search: (query, limit, { snippets = false } = {}) => folio.search(query.text, { limit, snippets }).hits.map((h) => h.id),
    all: (query, limit) => folio.search(query.text, { limit, snippets: false }).hits.map((h) => h.id),
    indexSource: folio.indexSource,
  };
}

async function initPagefind() {
  document.documentElement.lang = params.get('lang') ?? 'zh';
  const pagefind = await import(`${params.get('bundle')}pagefind.js`);
  await pagefind.options({ baseUrl: '/' });
  await pagefind.init();
  return {
    // What a search box gets back at once: the ranked ids (each result's text is fetched later).
    search: async (query) => (await pagefind.search(query.text)).results.map((r) => r.id),
    all: async (query) => {
      const { results } = await pagefind.search(query.text);
      return results.map((r) => r.id);
    },
    data: async (query, ids) => {
      const { results } = await pagefind.search(query.text);
      const wanted = new Set(ids);
      return Promise.all(results.filter((r) => wanted.has(r.id)).map(async (r) => [r.id, (await r.data()).url]));
    },
  };
}

let impl = null;
window.bench = {
  isolated: () => globalThis.crossOriginIsolated === true,
  async init() {
    const t0 = performance.now();
    impl = engine === 'pagefind' ? await initPagefind() : await initFolio();
    return performance.now() - t0;
  },
  indexSource: () => impl.indexSource ?? null,
  // One untimed warm-up pass, then `passes` passes; the first warm-up time of each query is
  // kept as its cold time (for Pagefind, the pass that fetches the index chunks).
  async run(queries, passes, limit, options = {}) {
    const cold = [];
    for (const q of queries) {
      const t0 = performance.now();
      await impl.search(q, limit, options);
      cold.push(performance.now() - t0);
    }
    const timed = [];
    for (let p = 0; p < passes; p += 1) {
      const times = [];
      for (const q of queries) {
        const t0 = performance.now();
        await impl.search(q, limit, options);
        times.push(performance.now() - t0);
      }
      timed.push(times);
    }
    return { cold, passes: timed };
  },
  async all(queries, limit) {
    const out = [];
    for (const q of queries) out.push(await impl.all(q, limit));
    return out;
  },
  async urls(query, ids) {
    return impl.data(query, ids);
  },
};
