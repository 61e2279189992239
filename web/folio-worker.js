// folio-worker.js: the module Web Worker behind createFolioWorker (folio.js). It holds one Folio
// and answers the client's calls with plain data; folio.js still owns every Embind handle, here
// as everywhere. Protocol (private to folio.js, which is the documented API):
//   in:  { id, method, args }       method 'open' first, then any method of a Folio
//   out: { id, result } | { id, error: { code, message, diagnostics } }
//        { type: 'progress', progress: { phase, loaded?, total? } }
//        { type: 'articles', articles }   before the index is ready, when asked for
// In Emscripten 3.1.6 a module worker is neither WEB nor WORKER to the glue, but loading the
// .wasm through fetch + import.meta.url works (toolchain.md §6), which is how folio.js does it.
import { createFolio, FolioError } from './folio.js';

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
    let corpus = request.corpus;
    if (corpus === undefined && request.corpusUrl !== undefined) {
      corpus = await download(request.corpusUrl, progress);
    }
    if (request.wantArticles) {
      progress('parse');
      corpus = earlyArticles(corpus);
    }
    progress('index');
    const folio = await createFolio({ corpus, wasmBinary: request.wasmBinary, baseUrl: request.baseUrl });
    progress('ready');
    return folio;
  };
  opening = load();
  const folio = await opening;
  return {
    version: folio.version,
    diagnostics: folio.diagnostics,
    methods: Object.keys(folio).filter((key) => typeof folio[key] === 'function' && key !== 'close'),
  };
}

// The corpus as text, with the download's progress: bytes so far and, when the server says,
// of how many (a compressed response's length counts other bytes, so it is dropped then).
async function download(url, progress) {
  const response = await fetch(url);
  if (!response.ok) throw new FolioError('io.unreadable', `cannot load ${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('Content-Length')) || 0;
  const encoded = (response.headers.get('Content-Encoding') ?? 'identity') !== 'identity';
  const total = encoded ? 0 : declared;
  if (!response.body) return response.text();
  const chunks = [];
  let loaded = 0;
  let reported = -1;
  const reader = response.body.getReader();
  progress('download', { loaded, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    // At most about a hundred messages for any size.
    const step = total ? Math.floor((loaded / total) * 100) : Math.floor(loaded / (1 << 20));
    if (step !== reported) {
      reported = step;
      progress('download', { loaded, total: Math.max(total, loaded) });
    }
  }
  progress('download', { loaded, total: loaded });
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
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
