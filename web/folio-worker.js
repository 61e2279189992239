// folio-worker.js: the module Web Worker behind createFolioWorker (folio.js). It holds one Folio
// and answers the client's calls with plain data; folio.js still owns every Embind handle, here
// as everywhere. Protocol (private to folio.js, which is the documented API):
//   in:  { id, method, args }       method 'open' first, then any method of a Folio
//   out: { id, result } | { id, error: { code, message, diagnostics } }
//        { type: 'progress', progress: { phase, loaded?, total? } }
//        { type: 'articles', articles }   before the index is ready, when asked for
//        { type: 'first-page', page }     a sharded site's { size, articles }, before the core
// In Emscripten 3.1.6 a module worker is neither WEB nor WORKER to the glue, but loading the
// .wasm through fetch + import.meta.url works (toolchain.md §6), which is how folio.js does it.
import { createFolio, firstModule, FolioError, preloadCore } from './folio.js';

let opening = null;

self.onmessage = async ({ data: { id, method, args = [] } }) => {
  try {
    const result = method === 'open' ? await open(args[0] ?? {}) : await invoke(method, args);
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({
      id,
      error: {
        code: error?.code ?? 'internal',
        message: String(error?.message ?? error),
        diagnostics: error?.diagnostics ?? [],
      },
    });
  }
};

async function invoke(method, args) {
  if (!opening) throw new FolioError('usage', 'the worker has no corpus yet');
  const folio = await opening;
  if (method === 'close' || typeof folio[method] !== 'function' || !Object.hasOwn(folio, method)) {
    throw new FolioError('usage', `a Folio has no method ${String(method)}`);
  }
  return folio[method](...args);
}

async function open(request) {
  if (opening) throw new FolioError('usage', 'this worker already holds a corpus');
  const progress = (phase, extra = {}) => {
    if (request.wantProgress) self.postMessage({ type: 'progress', progress: { phase, ...extra } });
  };
  const load = async () => {
    const { corpusUrl, wantArticles, wantFirstPage, wantProgress, ...options } = request;
    // The module compiles while the corpus (or a sharded site's entry) downloads: the one
    // createFolio will ask for (folio.js firstModule: by the layout the viewer read from the
    // site's index.html, and the first route). Without a layout, a caller opening an article
    // waits for the entry's size: a sharded site's is a few hundred bytes and needs only
    // folio-render; a corpus.json with articles is larger (a small one is told apart when it
    // has arrived).
    const preload = (module) => {
      if (!options.wasmBinary) preloadCore({ baseUrl: options.baseUrl, module }).catch(() => {});
    };
    const first = firstModule(options);
    if (first) preload(first);
    const downloads = new Downloads(progress);
    let corpus = options.corpus;
    if (!first && corpus !== undefined) preload(isSiteEntry(corpus) ? 'render' : 'core');
    if (corpus === undefined && corpusUrl !== undefined) {
      const large = (length) => { if (!first && length > 65536) preload('core'); };
      corpus = new TextDecoder('utf-8', { fatal: true }).decode(await downloads.fetch(corpusUrl, { onLength: large }));
      if (!first) preload(isSiteEntry(corpus) ? 'render' : 'core');
      // A sharded site's entry (src/site/FORMAT.md): folio.js fetches its pieces on demand from
      // beside corpusUrl, so it gets the URL (the entry is a few hundred bytes), and no index.
      if (isSiteEntry(corpus)) {
        progress('index');
        // A caller that lists (the viewer) gets the first list page fetched alongside.
        const prefetch = options.prefetch ?? (wantArticles ? { list: true } : undefined);
        const onFirstPage = wantFirstPage ? (page) => self.postMessage({ type: 'first-page', page }) : undefined;
        // The entry's text goes along: createFolio would otherwise fetch it again (~0.1 s of a
        // cold start here, issue 8), and its URL is where the data/ files are found.
        const folio = await createFolio({ ...options, corpus, corpusUrl, prefetch, onFirstPage });
        progress('ready');
        return folio;
      }
    }
    // The search index (folio-index.bin beside the corpus, as createFolio would fetch it) comes
    // down while the corpus is parsed for the list: after the corpus, so the list is not kept
    // waiting for bytes only search needs. Without one the core builds the index itself.
    const indexUrl = options.indexUrl ?? (corpusUrl !== undefined ? new URL('folio-index.bin', corpusUrl).href : undefined);
    const index = options.index !== undefined || indexUrl === undefined
      ? options.index
      : downloads.fetch(indexUrl, { optional: true }).then((bytes) => bytes ?? false);
    if (wantArticles) {
      progress('parse');
      corpus = earlyArticles(corpus);
    }
    const indexBytes = await index;
    progress('index');
    const folio = await createFolio({ ...options, corpus, index: indexBytes, indexUrl: undefined });
    progress('ready');
    return folio;
  };
  opening = load();
  const folio = await opening;
  const properties = {};
  const methods = [];
  for (const key of Object.keys(folio)) {
    if (typeof folio[key] === 'function') {
      if (key !== 'close') methods.push(key);
    } else {
      properties[key] = folio[key];
    }
  }
  return { properties, methods };
}

// A sharded site's entry (src/site/FORMAT.md) rather than a corpus.json with articles.
function isSiteEntry(corpus) {
  return typeof corpus === 'string' && corpus.length < 65536 && /"format"\s*:\s*"folio-site"/.test(corpus);
}

// Files fetched for one corpus, with their progress summed: bytes so far and, when every server
// says, of how many (a compressed response's length counts other bytes, so it is dropped then).
class Downloads {
  constructor(progress) {
    this.progress = progress;
    this.files = [];
    this.reported = -1;
  }

  report(force = false) {
    const loaded = this.files.reduce((sum, file) => sum + file.loaded, 0);
    const known = this.files.every((file) => file.total > 0);
    const total = known ? this.files.reduce((sum, file) => sum + Math.max(file.total, file.loaded), 0) : 0;
    // At most about a hundred messages for any size.
    const step = total ? Math.floor((loaded / total) * 100) : Math.floor(loaded / (1 << 20));
    if (force || step !== this.reported) {
      this.reported = step;
      this.progress('download', { loaded, total });
    }
  }

  /**
   * The bytes at `url`; with `optional`, null when it is missing or unreachable. `onLength` hears
   * the length the server announces, before the body (not for a compressed response).
   */
  async fetch(url, { optional = false, onLength } = {}) {
    let response;
    try {
      response = await fetch(url);
    } catch (error) {
      if (optional) return null;
      throw new FolioError('io.unreadable', `cannot load ${url}: ${error.message}`);
    }
    if (!response.ok) {
      if (optional) return null;
      throw new FolioError('io.unreadable', `cannot load ${url}: HTTP ${response.status}`);
    }
    const encoded = (response.headers.get('Content-Encoding') ?? 'identity') !== 'identity';
    const file = { loaded: 0, total: encoded ? 0 : Number(response.headers.get('Content-Length')) || 0 };
    this.files.push(file);
    if (file.total) onLength?.(file.total);
    this.report(true);
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const chunks = [];
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      file.loaded += value.byteLength;
      this.report();
    }
    file.total = file.loaded;
    this.report(true);
    const bytes = new Uint8Array(file.loaded);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return bytes;
  }
}

// Posts the articles' metadata (everything but the Markdown) from a quick JSON.parse, so the
// list can paint while the core parses and indexes the same text. Entries the core would skip
// (no string id or markdown, a repeated id, a non-string field) are left out here too. A
// corpus JS cannot parse gets no early list: the core reports it with its line and column.
const textFields = ['title', 'author', 'date', 'updated', 'url', 'summary', 'lang', 'image', 'source'];
function earlyArticles(corpus) {
  let text = corpus;
  if (corpus instanceof ArrayBuffer || ArrayBuffer.isView(corpus)) {
    text = new TextDecoder('utf-8', { fatal: true }).decode(corpus);
  }
  let parsed = typeof text === 'string' ? null : text;
  try {
    parsed ??= JSON.parse(text);
  } catch {
    return text;
  }
  if (!Array.isArray(parsed?.articles)) return text;
  const seen = new Set();
  const articles = [];
  for (const entry of parsed.articles) {
    if (!entry || typeof entry !== 'object' || typeof entry.markdown !== 'string') continue;
    if (typeof entry.id !== 'string' || !entry.id || seen.has(entry.id)) continue;
    if (textFields.some((key) => entry[key] != null && typeof entry[key] !== 'string')) continue;
    seen.add(entry.id);
    const { markdown, meta, layout, ...summary } = entry;
    for (const key of textFields) summary[key] ??= '';
    articles.push(summary);
  }
  self.postMessage({ type: 'articles', articles });
  return text;
}
