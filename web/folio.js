// folio.js: the public JavaScript API of folio, for the viewer and for any page or program that
// embeds it. It is the only code that touches the WASM module: every Embind handle is created
// and deleted here, so callers never call .delete(). Reference: web/README.md and folio.d.ts.

// The WASM glue is imported on first use, so a page that only talks to a worker
// (createFolioWorker) never downloads it on its main thread.
const importCore = () => import('./folio-core.js').then((module) => module.default);

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

// Render options travel to the core as bits (src/bind/folio_wasm.cc, RenderFlag) + a base URL.
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

// One WASM instance per place the module is loaded from; several corpora share it.
function loadCore({ wasmBinary, baseUrl }) {
  if (wasmBinary) return importCore().then((createFolioCore) => createFolioCore({ wasmBinary }));
  const base = String(baseUrl ?? new URL('.', import.meta.url));
  if (!coreCache.has(base)) {
    const core = importCore().then((createFolioCore) =>
      createFolioCore({ locateFile: (file) => new URL(file, base).href }));
    core.catch(() => coreCache.delete(base));
    coreCache.set(base, core);
  }
  return coreCache.get(base);
}

async function corpusText({ corpus, corpusUrl, fetch: fetchImpl = globalThis.fetch }) {
  if (corpus === undefined && corpusUrl !== undefined) {
    const response = await fetchImpl(corpusUrl);
    if (!response.ok) {
      throw new FolioError('io.unreadable', `cannot load ${corpusUrl}: HTTP ${response.status}`);
    }
    return response.text();
  }
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

const handles = new FinalizationRegistry((handle) => {
  if (!handle.isDeleted()) handle.delete();
});

/**
 * Loads a corpus (corpus.json, see src/corpus/FORMAT.md) and resolves to a Folio.
 * @param {import('./folio').FolioOptions} options
 * @returns {Promise<import('./folio').Folio>}
 */
export async function createFolio(options = {}) {
  const [core, text, index] = await Promise.all([loadCore(options), corpusText(options), indexBytes(options)]);
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
  const { onProgress, onArticles, workerUrl, fetch: customFetch, ...source } = options;
  if (typeof Worker !== 'function') {
    throw new FolioError('usage', 'createFolioWorker needs Web Workers; use createFolio here');
  }
  if (customFetch) throw new FolioError('usage', 'a worker cannot use a custom fetch; pass { corpus }');
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

  const request = { wantArticles: typeof onArticles === 'function', wantProgress: !!onProgress };
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
