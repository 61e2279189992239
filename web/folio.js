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

const handles = new FinalizationRegistry((handle) => {
  if (!handle.isDeleted()) handle.delete();
});

/**
 * Loads a corpus (corpus.json, see src/corpus/FORMAT.md) and resolves to a Folio.
 * @param {import('./folio').FolioOptions} options
 * @returns {Promise<import('./folio').Folio>}
 */
export async function createFolio(options = {}) {
  const [core, text] = await Promise.all([loadCore(options), corpusText(options)]);
  const handle = new core.Library();
  const status = JSON.parse(handle.load(text));
  if (status.error || !status.ok) {
    handle.delete();
    const diagnostics = status.diagnostics ?? [];
    const first = status.error ?? diagnostics[0] ?? { code: 'corpus.format', text: 'unusable corpus' };
    throw new FolioError(first.code, first.text ?? first.message, diagnostics);
  }
  const token = {};
  const folio = Object.freeze(makeFolio(core, handle, token, Object.freeze(status.diagnostics)));
  handles.register(folio, handle, token);
  return folio;
}

function makeFolio(core, handle, token, diagnostics) {
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
    /** Ranked hits for a query: { total, hits: [{ id, title, snippet, score }] }. */
    search(query, { limit = 20, offset = 0 } = {}) {
      const result = JSON.parse(live().search(String(query ?? ''), clampInt(limit), clampInt(offset)));
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
