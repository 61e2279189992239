// folio.js: the public JavaScript API of folio, for the viewer and for any page or program that
// embeds it. It is the only code that touches the WASM module: every Embind handle is created
// and deleted here, so callers never call .delete(). Reference: web/README.md and folio.d.ts.

// The WASM glue is imported on first use, so a page that only talks to a worker
// (createFolioWorker) never downloads it on its main thread. Three modules: folio-core does
// everything; folio-site a sharded site's search and rendering (about 10 % less: no loading or
// indexing of one corpus.json); folio-render only renders Markdown, at about a third of the
// bytes, which is all a reader opening a sharded site's article needs (issue 8). Literal
// specifiers, so that bundlers and a strict Content-Security-Policy see each.
const importModule = {
  core: () => import('./folio-core.js').then((module) => module.default),
  site: () => import('./folio-site.js').then((module) => module.default),
  render: () => import('./folio-render.js').then((module) => module.default),
};

/** An error with a stable `code` (see src/folio/error.h) and, for corpora, its diagnostics. */
export class FolioError extends Error {
  constructor(code, message, diagnostics = []) {
    super(message);
    this.name = 'FolioError';
    this.code = code;
    this.diagnostics = diagnostics;
  }
}

const coreCache = new Map();

// Render options travel to the core as bits (src/bind/render_glue.h, RenderFlag) + a base URL.
const TRUSTED = 1;
const SAFE = 2;
const COMMONMARK = 4;
const CJK_EMPHASIS = 8;
const NO_EXTRAS = 16;
const TOC = 32;
const NO_CJK_EMPHASIS = 64;
const UTF16 = 128;

function renderFlags(options = {}, { allowTrusted }) {
  let flags = 0;
  if (options.trusted === true && allowTrusted) flags |= TRUSTED;
  if (options.trusted === false) flags |= SAFE;
  if (options.commonmark) flags |= COMMONMARK;
  if (options.cjkEmphasis) flags |= CJK_EMPHASIS;
  if (options.cjkEmphasis === false) flags |= NO_CJK_EMPHASIS;
  if (options.readerExtras === false) flags |= NO_EXTRAS;
  return flags;
}

// Markdown crosses into WASM as UTF-8 written straight into the core's input buffer, and HTML
// comes back as one TextDecoder call over a view of its output buffer: no per-character JS
// loops (Embind's std::string conversion has several). A view into WASM memory is valid only
// until the core allocates again, so each is decoded or filled at once.
// One document's HTML comes back as UTF-16 (UTF16): turning UTF-8 full of CJK text into a JS
// string took longer than rendering it, and UTF-16 measured ~20% faster per document (Node 20,
// zh corpora). renderMany stays UTF-8, which measured faster for one large batch; JSON (TOC)
// answers stay UTF-8 too.
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const utf16 = new TextDecoder('utf-16le');

function writeInput(core, text) {
  const view = core.inputBuffer(text.length * 3); // UTF-16 -> UTF-8: at most 3 bytes per unit
  return encoder.encodeInto(text, view).written;
}

function renderText(core, markdown, flags, baseUrl) {
  const used = writeInput(core, String(markdown));
  if (flags & TOC) return decoder.decode(core.renderInput(used, flags, baseUrl));
  return utf16.decode(core.renderInput(used, flags | UTF16, baseUrl));
}

function renderBatch(core, markdowns, flags, baseUrl) {
  const texts = Array.from(markdowns, String);
  const capacity = texts.reduce((sum, text) => sum + text.length * 3, 0);
  const view = core.inputBuffer(capacity);
  const offsets = new Uint32Array(texts.length + 1);
  let used = 0;
  texts.forEach((text, i) => {
    used += encoder.encodeInto(text, view.subarray(used)).written;
    offsets[i + 1] = used;
  });
  core.inputOffsets(offsets.length).set(offsets);
  const html = core.renderBatch(texts.length, flags, baseUrl);
  const bounds = core.outputOffsets();
  return texts.map((_, i) => decoder.decode(html.subarray(bounds[i], bounds[i + 1])));
}

/**
 * Starts downloading and compiling the WASM module for `createFolio` calls with the same
 * `baseUrl` (default: beside folio.js), so a caller that learns what to load later (a worker
 * that first reads the corpus URL) does not wait for the module after the corpus. Resolves
 * when the module is ready; never needed for correctness.
 * @param {{ baseUrl?: string | URL, module?: 'core' | 'site' | 'render' }} [options]
 */
export function preloadCore({ baseUrl, module = 'core' } = {}) {
  return loadCore({ baseUrl }, module).then(() => {});
}

/**
 * The module a Folio starts loading before it has read the corpus (null: wait for the entry).
 * A wasmBinary is folio-core's bytes. `layout` ('single' | 'sharded', what `folio build` wrote
 * into the site's index.html) says which site this is: one corpus.json needs folio-core; a
 * sharded site folio-site, or folio-render when its first need is an article. Without it a
 * caller gets folio-core, which serves both, except one about to open an article, which waits
 * for the entry (the few hundred bytes of a sharded site's are soon there).
 */
export function firstModule({ wasmBinary, layout, prefetch } = {}) {
  const article = typeof prefetch?.article === 'string';
  if (wasmBinary || layout === 'single') return 'core';
  if (layout === 'sharded') return article ? 'render' : 'site';
  return article ? null : 'core';
}

// One WASM instance per module and place it is loaded from; several corpora share it.
// `module`: 'core', 'site' or 'render' (importModule). A wasmBinary is folio-core.wasm's bytes,
// so with one every call gets the full core.
function loadCore({ wasmBinary, baseUrl }, module = 'core') {
  if (!Object.hasOwn(importModule, module)) {
    return Promise.reject(new FolioError('usage', `module must be core, site or render, not ${module}`));
  }
  if (wasmBinary) return importModule.core().then((createFolioCore) => createFolioCore({ wasmBinary }));
  const base = String(baseUrl ?? new URL('.', import.meta.url));
  const key = `${module} ${base}`;
  if (!coreCache.has(key)) {
    // The module's bytes come down (and compile as they stream) while its glue is imported, not
    // after it: the glue would only ask for them once evaluated, ~0.1-0.2 s later (issue 8).
    const compiled = compileCore(new URL(`folio-${module}.wasm`, base).href);
    compiled.catch(() => {}); // awaited below
    const core = importModule[module]().then(async (createFolioCore) => {
      const module = await compiled;
      let failed;
      const failure = new Promise((resolve, reject) => { failed = reject; });
      return Promise.race([failure, createFolioCore({
        locateFile: (file) => new URL(file, base).href,
        instantiateWasm(imports, receiveInstance) {
          WebAssembly.instantiate(module, imports).then((instance) => receiveInstance(instance, module), failed);
          return {}; // the exports arrive through receiveInstance
        },
      })]);
    });
    core.catch(() => coreCache.delete(key));
    coreCache.set(key, core);
  }
  return coreCache.get(key);
}

// As the glue would: streaming when the host labels the module application/wasm, from the whole
// bytes when it does not (some static hosts do not know the type).
async function compileCore(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new FolioError('io.unreadable', `cannot load ${url}: HTTP ${response.status}`);
  const type = response.headers.get('Content-Type') ?? '';
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(type)) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

// The corpus text and the search index bytes (a promise; null for a sharded site's entry).
async function corpusAndIndex(options) {
  const { corpus, corpusUrl, fetch: fetchImpl = globalThis.fetch } = options;
  if (corpus === undefined && corpusUrl !== undefined) {
    const response = await fetchImpl(corpusUrl);
    if (!response.ok) {
      throw new FolioError('io.unreadable', `cannot load ${corpusUrl}: HTTP ${response.status}`);
    }
    // A whole corpus.json is large: its index is fetched while its body downloads. A small one
    // may be a sharded site's entry (a few hundred bytes), which has no folio-index.bin beside it.
    const length = Number(response.headers?.get?.('Content-Length') ?? NaN);
    const early = length > 65536 ? indexBytes(options) : null;
    const text = await response.text();
    if (early) return { text, index: early };
    return { text, index: siteEntry(text) ? Promise.resolve(null) : indexBytes(options) };
  }
  const text = inlineCorpusText(corpus);
  // A sharded site's entry given as text (the worker has read it already) has no index beside it.
  return { text, index: siteEntry(text) ? Promise.resolve(null) : indexBytes(options) };
}

function inlineCorpusText(corpus) {
  if (typeof corpus === 'string') return corpus;
  if (corpus instanceof ArrayBuffer || ArrayBuffer.isView(corpus)) {
    return new TextDecoder('utf-8', { fatal: true }).decode(corpus);
  }
  if (corpus && typeof corpus === 'object') return JSON.stringify(corpus);
  throw new FolioError('usage', 'createFolio needs { corpus } or { corpusUrl }');
}

// folio-index.bin beside the corpus (written by `folio build`), as bytes; null when there is none,
// and the module then builds the index itself from the corpus.
async function indexBytes({ index, indexUrl, corpusUrl, fetch: fetchImpl = globalThis.fetch }) {
  if (index === false || index === null) return null;
  if (index instanceof ArrayBuffer) return new Uint8Array(index);
  if (ArrayBuffer.isView(index)) return new Uint8Array(index.buffer, index.byteOffset, index.byteLength);
  if (index !== undefined) throw new FolioError('usage', 'index must be an ArrayBuffer, a Uint8Array or false');
  const url = indexUrl ?? (corpusUrl !== undefined ? siblingUrl(corpusUrl, 'folio-index.bin') : undefined);
  if (url === undefined) return null;
  try {
    const response = await fetchImpl(url);
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

function siblingUrl(url, name) {
  try {
    return new URL(name, new URL(String(url), globalThis.location?.href)).href;
  } catch {
    return String(url).replace(/[^/]*$/, name);
  }
}

const sortCodes = { relevance: 0, newest: 1, oldest: 2 };

// The methods for Markdown the calling code hands over, the same in both kinds of Folio.
function markdownRenderers(core) {
  return {
    /** Any Markdown as HTML: safe unless options.trusted is true. */
    renderMarkdown(markdown, options = {}) {
      return renderText(core, markdown, renderFlags(options, { allowTrusted: true }), String(options.baseUrl ?? ''));
    },
    /** Any Markdown as { html, toc }, with the options of renderMarkdown. */
    renderDocument(markdown, options = {}) {
      const flags = renderFlags(options, { allowTrusted: true }) | TOC;
      return JSON.parse(renderText(core, markdown, flags, String(options.baseUrl ?? '')));
    },
    /** Many Markdown documents in one call into WASM: an array of HTML strings, in order. */
    renderMany(markdowns, options = {}) {
      return renderBatch(core, markdowns, renderFlags(options, { allowTrusted: true }), String(options.baseUrl ?? ''));
    },
  };
}

const handles = new FinalizationRegistry((handle) => {
  if (!handle.isDeleted()) handle.delete();
});

/**
 * Loads a corpus (corpus.json, see src/corpus/FORMAT.md) and resolves to a Folio.
 * @param {import('./folio').FolioOptions} options
 * @returns {Promise<import('./folio').Folio>}
 */
export async function createFolio(options = {}) {
  // The module compiles while the corpus (or a sharded site's entry and manifest) downloads.
  const first = firstModule(options);
  const early = first ? loadCore(options, first) : null;
  early?.catch(() => {}); // awaited below; a corpus error is the one reported first
  const { text, index: indexPromise } = await corpusAndIndex(options);
  const entry = siteEntry(text);
  if (entry) {
    const article = typeof options.prefetch?.article === 'string';
    const renderer = early ?? loadCore(options, article ? 'render' : 'site');
    renderer.catch(() => {});
    const searcher = () => (first === 'core' ? early : loadCore(options, 'site'));
    return createShardedFolio(renderer, searcher, entry, options);
  }
  const core = await (first === 'core' ? early : loadCore(options));
  const index = await indexPromise;
  const handle = new core.Library();
  const status = JSON.parse(handle.load(text, index ?? new Uint8Array(0)));
  if (status.error || !status.ok) {
    handle.delete();
    const diagnostics = status.diagnostics ?? [];
    const first = status.error ?? diagnostics[0] ?? { code: 'corpus.format', text: 'unusable corpus' };
    throw new FolioError(first.code, first.text ?? first.message, diagnostics);
  }
  const token = {};
  const site = Object.freeze({ title: '', lang: '', ...status.site });
  const articleOptions = { cjkEmphasis: options.render?.cjkEmphasis, baseUrl: options.render?.baseUrl };
  const folio = Object.freeze(
    makeFolio(core, handle, token, Object.freeze(status.diagnostics), status.index, articleOptions, site));
  handles.register(folio, handle, token);
  return folio;
}

function makeFolio(core, handle, token, diagnostics, indexSource, articleOptions, site) {
  let list = null;
  let byId = null;
  const details = new Map();
  const live = () => {
    if (handle.isDeleted()) throw new FolioError('closed', 'this folio was closed');
    return handle;
  };
  const index = () => {
    if (!list) {
      list = JSON.parse(live().articles()).map((a) => deepFreeze(a));
      byId = new Map(list.map((a) => [a.id, a]));
    }
    return list;
  };
  return {
    version: core.version(),
    /** Problems met while loading (bad entries were skipped; the rest loaded). */
    diagnostics,
    /** 'file' when folio-index.bin was used, 'built' when the index was built in this module. */
    indexSource,
    /** false: one corpus.json, and the corpus methods answer at once (a ShardedFolio's return promises). */
    sharded: false,
    /** What the site says about itself: { title, lang } (empty strings when unset). */
    site() {
      return site;
    },
    /** Every article's metadata, in corpus order. */
    articles() {
      return index().slice();
    },
    /** One article's metadata with `meta` (its other front-matter fields, typed), or null. */
    article(id) {
      const key = String(id);
      index();
      if (!byId.has(key)) return null;
      if (!details.has(key)) {
        const found = JSON.parse(live().article(key));
        if (found?.error) throw new FolioError(found.error.code, found.error.message);
        details.set(key, deepFreeze(found));
      }
      return details.get(key);
    },
    /** The article's body as safe HTML, or null when there is no such id. */
    render(id) {
      const key = String(id);
      if (!live().has(key)) return null;
      const flags = renderFlags(articleOptions, { allowTrusted: false }) | UTF16;
      return utf16.decode(live().renderView(key, flags, String(articleOptions.baseUrl ?? '')));
    },
    /** The article's body as safe HTML and its headings: { html, toc: [{ level, id, text }] }. */
    renderArticle(id) {
      const key = String(id);
      if (!live().has(key)) return null;
      const flags = renderFlags(articleOptions, { allowTrusted: false }) | TOC;
      return JSON.parse(decoder.decode(live().renderView(key, flags, String(articleOptions.baseUrl ?? ''))));
    },
    ...markdownRenderers(core),
    /** As ShardedFolio.prepareSearch; one corpus.json has everything a search needs loaded. */
    async prepareSearch() {
      live();
    },
    /**
     * Ranked hits for a query (syntax: web/README.md):
     * { total, offset, limit, hits: [{ id, title, date, author, tags, snippet, score }], facets }.
     */
    search(query, { limit = 20, offset = 0, sort = 'relevance', prefix = false, snippets = true, stem } = {}) {
      if (!Object.hasOwn(sortCodes, sort)) throw new FolioError('usage', `sort must be relevance, newest or oldest, not ${sort}`);
      // stem: true/false overrides the site's English stemming (folio build --stem english).
      const stemCode = stem === undefined || stem === null ? -1 : stem ? 1 : 0;
      const result = JSON.parse(live().search(String(query ?? ''), clampInt(limit), clampInt(offset),
        sortCodes[sort], Boolean(prefix), Boolean(snippets), stemCode));
      if (result.error) throw new FolioError(result.error.code, result.error.message);
      return result;
    },
    /** Frees the WASM memory this corpus holds; the object is unusable afterwards. */
    close() {
      if (!handle.isDeleted()) {
        handles.unregister(token);
        handle.delete();
      }
    },
  };
}

// ---- Sharded sites (src/site/FORMAT.md) ----------------------------------------------------
// corpus.json is then a small entry; the list, the articles and the index shards are files under
// data/, fetched only when a call needs them (byte ranges of packs and terms files), inflated
// with DecompressionStream and kept for the session. Every method of such a Folio is async.

const SITE_FORMAT_VERSION = 1;
const DATA_NAME = /^[a-z]+-[0-9a-f]{20}\.bin$/;

function siteEntry(text) {
  if (text.length > 65536 || !/"folio-site"/.test(text)) return null;
  let entry;
  try {
    entry = JSON.parse(text);
  } catch {
    return null;
  }
  if (!entry || entry.format !== 'folio-site') return null;
  if (entry.version !== SITE_FORMAT_VERSION) {
    throw new FolioError('corpus.format',
      `sharded site version ${JSON.stringify(entry.version)} is not supported (this folio reads ${SITE_FORMAT_VERSION})`);
  }
  if (entry.data !== 'data/' || !DATA_NAME.test(entry.manifest ?? '') ||
      (entry.head !== undefined && !DATA_NAME.test(entry.head)) ||
      (entry.first_page !== undefined && !DATA_NAME.test(entry.first_page))) {
    throw new FolioError('corpus.format', 'the entry names its files in an unknown way');
  }
  return entry;
}

async function inflate(bytes) {
  if (typeof DecompressionStream !== 'function') {
    throw new FolioError('internal', 'this browser has no DecompressionStream, needed for sharded sites');
  }
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new FolioError('index.corrupt', `damaged data (${error.message})`);
  }
}

// Fetches data/ files and byte ranges of them. A server that ignores Range sends the whole file,
// which is then kept and sliced. Every answer is cached (the names are content hashes).
function dataFetcher(options) {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (options.corpusUrl === undefined) {
    throw new FolioError('usage', 'a sharded site needs corpusUrl (its files are fetched beside it)');
  }
  const base = siblingUrl(options.corpusUrl, 'data/');
  const cache = new Map();
  const whole = new Map();
  const stats = { requests: 0, bytes: 0, files: [] };
  const get = async (name, range) => {
    if (!DATA_NAME.test(name)) throw new FolioError('corpus.format', `not a data file name: ${name}`);
    const url = new URL(name, base).href;
    if (whole.has(name)) {
      const all = await whole.get(name);
      return range ? all.slice(range[0], range[0] + range[1]) : all;
    }
    const headers = range ? { Range: `bytes=${range[0]}-${range[0] + range[1] - 1}` } : {};
    stats.requests += 1;
    stats.files.push(range ? `${name}#${range[0]}+${range[1]}` : name);
    const response = await fetchImpl(url, { headers });
    if (!response.ok) throw new FolioError('io.unreadable', `cannot load ${url}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    stats.bytes += bytes.length;
    if (!range || response.status === 206) {
      if (range && bytes.length !== range[1]) throw new FolioError('index.corrupt', `${name}: short range`);
      return bytes;
    }
    whole.set(name, Promise.resolve(bytes));
    return bytes.slice(range[0], range[0] + range[1]);
  };
  return {
    stats,
    bytes(name, range) {
      const key = range ? `${name}#${range[0]}+${range[1]}` : name;
      if (!cache.has(key)) {
        const pending = get(name, range);
        pending.catch(() => cache.delete(key));
        cache.set(key, pending);
      }
      return cache.get(key);
    },
    async json(name) {
      return JSON.parse(decoder.decode(await inflate(await this.bytes(name))));
    },
  };
}

function checkNames(list, what) {
  if (!Array.isArray(list) || !list.every((name) => typeof name === 'string' && DATA_NAME.test(name))) {
    throw new FolioError('corpus.format', `the manifest's ${what} are not usable`);
  }
}

// The entry's manifest, checked: what every sharded read starts from.
async function siteManifest(data, entry) {
  const manifest = await data.json(entry.manifest);
  const total = Number(entry.articles);
  if (!manifest || manifest.version !== SITE_FORMAT_VERSION || manifest.articles !== total ||
      !DATA_NAME.test(manifest.head ?? '') || !(manifest.list?.articles > 0) ||
      !(manifest.packs?.articles > 0) || !Array.isArray(manifest.ids?.first) ||
      manifest.ids.first.length !== manifest.ids.files?.length) {
    throw new FolioError('corpus.format', 'the sharded site\'s manifest is not usable');
  }
  checkNames(manifest.list.files, 'list files');
  // What the entry names beside the manifest (src/site/FORMAT.md) is what the manifest names.
  if (entry.head !== undefined && entry.head !== manifest.head) {
    throw new FolioError('corpus.format', 'the entry and the manifest name different heads');
  }
  if (entry.first_page !== undefined && entry.first_page !== manifest.list.files[0]) {
    throw new FolioError('corpus.format', 'the entry and the manifest name different first list pages');
  }
  checkNames(manifest.packs.files, 'packs');
  checkNames(manifest.ids.files, 'id pieces');
  const pageSize = manifest.list.articles;
  const packSize = manifest.packs.articles;
  if (manifest.list.files.length * pageSize < total || manifest.packs.files.length * packSize < total) {
    throw new FolioError('corpus.format', 'the manifest does not cover every article');
  }
  return manifest;
}

async function siteListPage(data, manifest, k) {
  const page = await data.json(manifest.list.files[k]);
  if (!Array.isArray(page)) throw new FolioError('corpus.format', 'a list page is not an array');
  return page.map((a) => deepFreeze(a));
}

// A sharded site's article count and first list page, read on the calling thread: a viewer
// paints its list from them while the worker starts and the core compiles (issue 8; the
// worker's start alone was ~0.4 s of the first paint at 100k articles, probe of 2026-11-27).
async function firstListPage(options) {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  // An entry is a few hundred bytes: only its first 16 KiB are asked for, so a whole corpus.json
  // (the single-file layout) costs this thread 16 KiB and is left to the worker. A server that
  // ignores Range sends it all, and reading stops there.
  const limit = 16384;
  const response = await fetchImpl(options.corpusUrl, { headers: { Range: `bytes=0-${limit - 1}` } });
  if (!response.ok || !response.body) return null;
  const reader = response.body.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    if (length >= limit) {
      reader.cancel().catch(() => {});
      return null;
    }
  }
  const entry = siteEntry(await new Blob(chunks).text());
  if (!entry) return null;
  const data = dataFetcher(options);
  // Named by the entry, the page comes down beside the manifest (issue 8: the list's first paint).
  if (entry.first_page) data.bytes(entry.first_page).catch(() => {});
  const manifest = await siteManifest(data, entry);
  return { size: manifest.articles, articles: await siteListPage(data, manifest, 0) };
}

// `renderer`: a module that renders (folio-site, folio-render, or folio-core when a caller
// loaded that); `searcher()`: one with ShardedLibrary, asked for when a search opens the index.
async function createShardedFolio(renderer, searcher, entry, options) {
  const data = dataFetcher(options);
  const prefetch = options.prefetch ?? {};
  // A search needs the head: an entry that names it (src/site/FORMAT.md) lets it come down beside
  // the manifest rather than after it, one round trip less before the first query (issue 8).
  let headBytes = prefetch.index && entry.head ? data.bytes(entry.head).then(inflate) : null;
  headBytes?.catch(() => { headBytes = null; });
  // So does the first list page, for a caller that lists.
  if ((prefetch.list || typeof options.onFirstPage === 'function') && entry.first_page) {
    data.bytes(entry.first_page).catch(() => {});
  }
  // The manifest (and, asked for, the first list page) come down while the module compiles: a
  // list can paint as soon as both are there, with no round trip waiting for the other.
  const manifest = await siteManifest(data, entry);
  const total = manifest.articles;
  const pageSize = manifest.list.articles;
  const packSize = manifest.packs.articles;
  const pages = new Map();
  const listPage = (k) => {
    if (!pages.has(k)) {
      const pending = siteListPage(data, manifest, k);
      pending.catch(() => pages.delete(k));
      pages.set(k, pending);
    }
    return pages.get(k);
  };
  // What the caller said it will ask first (the viewer: its first route) comes down while the
  // module compiles; the calls then find it in the caches below.
  if (prefetch.list) listPage(0).catch(() => {});
  // A list needs no WASM: its first page goes to the caller before the core has compiled, which
  // is most of a cold start (issue 8: the list's first paint at 100k articles).
  if (typeof options.onFirstPage === 'function') {
    listPage(0).then((articles) => options.onFirstPage({ size: total, articles }), () => {});
  }
  if (prefetch.index && !headBytes) {
    headBytes = data.bytes(manifest.head).then(inflate);
    headBytes.catch(() => { headBytes = null; });
  }
  const settings = entry.render ?? {};
  const articleOptions = {
    cjkEmphasis: options.render?.cjkEmphasis ?? settings.cjkEmphasis === true,
    baseUrl: options.render?.baseUrl ?? (typeof settings.baseUrl === 'string' ? settings.baseUrl : ''),
  };

  let handle = null;
  let opening = null;
  const token = {};
  let closed = false;
  const live = () => {
    if (closed) throw new FolioError('closed', 'this folio was closed');
  };
  const index = () => {
    opening ??= (async () => {
      // After a deep link the search module is not loaded yet: it comes down beside the head.
      const [head, searchCore] = await Promise.all([headBytes ?? data.bytes(manifest.head).then(inflate), searcher()]);
      headBytes = null; // the module keeps its own copy
      live();
      const created = new searchCore.ShardedLibrary();
      const status = JSON.parse(created.open(head));
      if (status.error) {
        created.delete();
        throw new FolioError(status.error.code, status.error.message);
      }
      if (status.articles !== total) {
        created.delete();
        throw new FolioError('corpus.format', 'the index head and the entry disagree on the article count');
      }
      handle = created;
      handles.register(folio, handle, token);
      return handle;
    })();
    opening.catch(() => { opening = null; });
    return opening;
  };

  const idPieces = new Map();
  const findDoc = async (id) => {
    const first = manifest.ids.first;
    let low = 0;
    let high = first.length;
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (compareUtf8(first[mid], id) <= 0) low = mid; else high = mid;
    }
    if (first.length === 0) return null;
    if (!idPieces.has(low)) idPieces.set(low, data.json(manifest.ids.files[low]).then((piece) => new Map(piece)));
    const doc = (await idPieces.get(low)).get(id);
    return Number.isInteger(doc) && doc >= 0 && doc < total ? doc : null;
  };

  const packHeaders = new Map();
  const packOffsets = (k) => {
    if (!packHeaders.has(k)) {
      const count = Math.min(packSize, total - k * packSize);
      const pending = data.bytes(manifest.packs.files[k], [0, 20 + 4 * (count + 1)]).then((bytes) => {
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        if (decoder.decode(bytes.subarray(0, 8)) !== 'FOLIOPAK' || view.getUint32(8, true) !== 1 ||
            view.getUint32(12, true) !== k * packSize || view.getUint32(16, true) !== count) {
          throw new FolioError('index.corrupt', `${manifest.packs.files[k]} is not the pack the manifest names`);
        }
        return Array.from({ length: count + 1 }, (_, i) => view.getUint32(20 + 4 * i, true));
      });
      pending.catch(() => packHeaders.delete(k));
      packHeaders.set(k, pending);
    }
    return packHeaders.get(k);
  };
  const records = new Map();
  const recordText = (doc) => {
    if (!records.has(doc)) {
      const pending = (async () => {
        const k = Math.floor(doc / packSize);
        const offsets = await packOffsets(k);
        const i = doc - k * packSize;
        if (!(offsets[i + 1] > offsets[i])) throw new FolioError('index.corrupt', 'record offsets out of order');
        return decoder.decode(await inflate(await data.bytes(manifest.packs.files[k], [offsets[i], offsets[i + 1] - offsets[i]])));
      })();
      pending.catch(() => records.delete(doc));
      records.set(doc, pending);
    }
    return records.get(doc);
  };
  const record = async (id) => {
    const doc = await findDoc(String(id));
    if (doc === null) return null;
    const parsed = JSON.parse(await recordText(doc));
    if (!parsed || typeof parsed !== 'object' || parsed.id !== String(id) || typeof parsed.markdown !== 'string') {
      throw new FolioError('corpus.article', `the record of ${id} is not usable`);
    }
    return parsed;
  };
  if (typeof prefetch.article === 'string') record(prefetch.article).catch(() => {});
  const core = await renderer;
  const renderRecord = (markdown, extraFlags) =>
    renderText(core, markdown, renderFlags(articleOptions, { allowTrusted: false }) | extraFlags,
      String(articleOptions.baseUrl ?? ''));

  const folio = Object.freeze({
    version: core.version(),
    diagnostics: Object.freeze([]),
    indexSource: 'sharded',
    /** true: this Folio reads a sharded site, and its corpus methods return promises. */
    sharded: true,
    /** How many articles the site holds. */
    size: total,
    /** Articles' metadata in list order (newest first), `limit` from `offset`; fetches only those list pages and prefetches the next. */
    async articles({ offset = 0, limit = pageSize } = {}) {
      live();
      const from = Math.min(clampInt(offset), total);
      const to = Math.min(from + clampInt(limit), total);
      const out = [];
      for (let k = Math.floor(from / pageSize); k * pageSize < to; k += 1) {
        const page = await listPage(k);
        out.push(...page.slice(Math.max(0, from - k * pageSize), to - k * pageSize));
      }
      // The next page is fetched once a reader is half-way through this one.
      const ahead = Math.floor(Math.min(to + pageSize / 2, total - 1) / pageSize);
      if (ahead * pageSize >= to) listPage(ahead).catch(() => {});
      return out;
    },
    async article(id) {
      live();
      const found = await record(id);
      if (!found) return null;
      const { markdown, layout, ...metadata } = found;
      return deepFreeze(metadata);
    },
    async render(id) {
      live();
      const found = await record(id);
      return found ? renderRecord(found.markdown, 0) : null;
    },
    async renderArticle(id) {
      live();
      const found = await record(id);
      return found ? JSON.parse(renderRecord(found.markdown, TOC)) : null;
    },
    ...markdownRenderers(core),
    /** As Folio.search, fetching the index shards of the query's terms and the records of the hits shown. */
    async search(query, { limit = 20, offset = 0, sort = 'relevance', prefix = false, snippets = true, stem } = {}) {
      if (!Object.hasOwn(sortCodes, sort)) throw new FolioError('usage', `sort must be relevance, newest or oldest, not ${sort}`);
      live();
      const library = await index();
      // As Folio.search; a site built without --stem english cannot stem (src/index/FORMAT.md).
      const stemCode = stem === undefined || stem === null ? -1 : stem ? 1 : 0;
      // Each round adds what the last answer said was missing; two rounds suffice (shards, then
      // the hits' records), the bound only stops a damaged site from looping.
      for (let round = 0; round < 6; round += 1) {
        live();
        const result = JSON.parse(library.search(String(query ?? ''), clampInt(limit), clampInt(offset),
          sortCodes[sort], Boolean(prefix), Boolean(snippets), stemCode));
        if (result.error) throw new FolioError(result.error.code, result.error.message);
        if (!result.needs) return result;
        const shards = await Promise.all(result.needs.shards.map(async (s) =>
          [s.shard, await inflate(await data.bytes(s.file, [s.offset, s.length]))]));
        const texts = await Promise.all(result.needs.records.map(async (doc) => [doc, await recordText(doc)]));
        live();
        for (const [shard, bytes] of shards) {
          const problem = library.addShard(shard, bytes);
          if (problem) throw new FolioError(JSON.parse(problem).error.code, JSON.parse(problem).error.message);
        }
        for (const [doc, text] of texts) {
          const problem = library.addRecord(doc, text);
          if (problem) throw new FolioError(JSON.parse(problem).error.code, JSON.parse(problem).error.message);
        }
        // A long session keeps a bounded amount: 2,000 articles and 32 MiB of shards.
        library.trim(2000, 32 << 20);
      }
      throw new FolioError('index.corrupt', 'the site never gave what the query needs');
    },
    /**
     * Fetches what a first search needs (the index head, and folio-core when only folio-render
     * is loaded) without searching, so that a query typed next waits for neither. The viewer
     * calls it when the search box gets focus.
     */
    async prepareSearch() {
      live();
      await index();
    },
    /** What this Folio has fetched: { requests, bytes, files } (data/ files; `name#offset+length` for ranges). */
    fetched() {
      return { requests: data.stats.requests, bytes: data.stats.bytes, files: data.stats.files.slice() };
    },
    close() {
      if (closed) return;
      closed = true;
      if (handle && !handle.isDeleted()) {
        handles.unregister(token);
        handle.delete();
      }
    },
  });
  return folio;
}

// Ids are sorted by their UTF-8 bytes (src/site/FORMAT.md); JS strings compare by UTF-16 units,
// which differ for characters outside the BMP.
function compareUtf8(a, b) {
  const x = encoder.encode(String(a));
  const y = encoder.encode(String(b));
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function clampInt(value) {
  const n = Math.trunc(Number(value));
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), 0x7fffffff) : 0;
}

/**
 * The same API with the WASM core in a module Web Worker (the idea of sql.js's worker), so
 * loading, indexing and searching a large corpus never block the page. Resolves when the core
 * has loaded the corpus; every method of a Folio is there and answers with a Promise.
 * `onProgress` reports the download and the phases; `onArticles`, if given, receives the
 * articles' metadata as soon as the corpus is parsed, before the search index is ready, so a
 * list can paint early. Reference: web/README.md ("In a Web Worker").
 * @param {import('./folio').FolioWorkerOptions} options
 * @returns {Promise<import('./folio').FolioWorker>}
 */
export async function createFolioWorker(options = {}) {
  const { onProgress, onArticles, onFirstPage, workerUrl, fetch: customFetch, ...source } = options;
  if (typeof Worker !== 'function') {
    throw new FolioError('usage', 'createFolioWorker needs Web Workers; use createFolio here');
  }
  if (customFetch) throw new FolioError('usage', 'a worker cannot use a custom fetch; pass { corpus }');
  // The first list page, once, from whichever thread has it first: this one usually (the
  // worker must start and fetch the same files), the worker's when this one cannot.
  let firstPageSent = false;
  const firstPage = (page) => {
    if (firstPageSent || !page) return;
    firstPageSent = true;
    onFirstPage(page);
  };
  if (typeof onFirstPage === 'function' && source.corpus === undefined && source.corpusUrl !== undefined) {
    firstListPage({ corpusUrl: new URL(source.corpusUrl, documentBase()).href }).then(firstPage, () => {});
  }
  const worker = new Worker(workerUrl ?? new URL('./folio-worker.js', import.meta.url), {
    type: 'module',
    name: 'folio',
  });
  const pending = new Map();
  let nextId = 1;
  let failure = null;
  const failAll = (error) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
  };
  worker.onmessage = ({ data }) => {
    if (data.type === 'progress') return onProgress?.(data.progress);
    if (data.type === 'articles') return onArticles?.(data.articles);
    if (data.type === 'first-page') return firstPage(data.page);
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.error) {
      call.reject(new FolioError(data.error.code, data.error.message, data.error.diagnostics));
    } else {
      call.resolve(data.result);
    }
  };
  // A worker script that fails to load or throws reports here, not through a message.
  worker.onerror = (event) => {
    event.preventDefault?.();
    failAll(new FolioError('worker', `the folio worker failed: ${event.message ?? 'cannot start'}`));
  };
  const call = (method, args, transfer = []) => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args }, transfer);
    });
  };

  const request = {
    wantArticles: typeof onArticles === 'function',
    wantFirstPage: typeof onFirstPage === 'function',
    wantProgress: !!onProgress,
  };
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    // The worker resolves URLs against its own script, so make them absolute here.
    request[key] = /Url$/.test(key) ? new URL(value, documentBase()).href : value;
  }
  let opened;
  try {
    opened = await call('open', [request]);
  } catch (error) {
    worker.terminate();
    throw error;
  }
  const client = {
    // Every property (version, diagnostics, indexSource…) and method the worker's Folio has, so
    // what is added to Folio arrives here as it is.
    ...opened.properties,
    close() {
      worker.terminate();
      failAll(new FolioError('closed', 'this folio was closed'));
    },
  };
  for (const value of Object.values(client)) if (value && typeof value === 'object') Object.freeze(value);
  for (const method of opened.methods) client[method] = (...args) => call(method, args);
  return Object.freeze(client);
}

function documentBase() {
  return globalThis.document?.baseURI ?? globalThis.location?.href;
}
