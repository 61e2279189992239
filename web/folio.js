// folio.js: the public JavaScript API of folio, for the viewer and for any page or program that
// embeds it. It is the only code that touches the WASM module: every Embind handle is created
// and deleted here, so callers never call .delete(). Reference: web/README.md and folio.d.ts.

import createFolioCore from './folio-core.js';

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

// One WASM instance per place the module is loaded from; several corpora share it.
function loadCore({ wasmBinary, baseUrl }) {
  if (wasmBinary) return createFolioCore({ wasmBinary });
  const base = String(baseUrl ?? new URL('.', import.meta.url));
  if (!coreCache.has(base)) {
    const core = createFolioCore({ locateFile: (file) => new URL(file, base).href });
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
  const folio = Object.freeze(makeFolio(core, handle, token, Object.freeze(status.diagnostics), status.index));
  handles.register(folio, handle, token);
  return folio;
}

function makeFolio(core, handle, token, diagnostics, indexSource) {
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
      return live().has(key) ? live().render(key) : null;
    },
    /** Any Markdown as safe HTML. */
    renderMarkdown(markdown) {
      return core.renderMarkdown(String(markdown));
    },
    /**
     * Ranked hits for a query (syntax: web/README.md):
     * { total, offset, limit, hits: [{ id, title, date, author, tags, snippet, score }], facets }.
     */
    search(query, { limit = 20, offset = 0, sort = 'relevance', prefix = false } = {}) {
      if (!Object.hasOwn(sortCodes, sort)) throw new FolioError('usage', `sort must be relevance, newest or oldest, not ${sort}`);
      const result = JSON.parse(live().search(String(query ?? ''), clampInt(limit), clampInt(offset),
        sortCodes[sort], Boolean(prefix)));
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
