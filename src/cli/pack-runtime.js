// The runtime of a page written by `folio build --single-file` (src/cli/pack.cc puts it, with
// the site's modules, in the page's last <script>). The page is the whole site in one file, so
// it stands in for the folder the site would be served from:
//  - every ES module of the site is a function here (js_module.cc rewrote its import/export),
//    run on first use, as the browser's module loader would;
//  - every other file (corpus.json, folio-index.bin, folio-core.wasm, CSS) is a <script> data
//    element of the page; fetch() of its URL is answered from there, as a server would;
//  - new Worker(<a module of the site>) starts a classic worker from a blob: URL holding this
//    same script (Chromium starts neither module workers from blob: URLs nor any script from
//    file://) and hands it the files, so the worker sees the same site.
// Nothing here reaches the network: a URL that is not a file of the site goes to the real fetch.
(function folioPacked(modules, entries) {
  'use strict';
  const PACKED = 'folio-packed:/';
  const scope = globalThis;
  const inPage = typeof document !== 'undefined';
  const thisScript = inPage ? document.currentScript.textContent : '';
  const nativeFetch = scope.fetch;
  const NativeWorker = scope.Worker;
  let files = {}; // path -> { type, encoding: 'text' | 'base64', data }
  let siteBase = ''; // the folder URL the page stands in for
  const loaded = new Map(); // path -> the module's exports
  const bytes = new Map(); // path -> Uint8Array
  const assetUrls = new Map(); // path -> blob: URL

  function resolve(from, specifier) {
    let spec = String(specifier);
    if (spec.startsWith(PACKED)) return spec.slice(PACKED.length);
    if (!spec.startsWith('./') && !spec.startsWith('../')) return null;
    const parts = from.split('/').slice(0, -1);
    for (const part of spec.split(/[?#]/)[0].split('/')) {
      if (part === '..') parts.pop();
      else if (part !== '.' && part !== '') parts.push(part);
    }
    return parts.join('/');
  }

  // The site path a URL names, or null when it is not inside the site.
  function sitePath(url) {
    let href;
    try {
      href = new URL(String(url), siteBase || undefined).href;
    } catch {
      return null;
    }
    href = href.split(/[?#]/)[0];
    let path = null;
    if (href.startsWith(PACKED)) path = href.slice(PACKED.length);
    else if (siteBase && href.startsWith(siteBase)) path = href.slice(siteBase.length);
    if (path === null) return null;
    try {
      return decodeURIComponent(path);
    } catch {
      return null;
    }
  }

  function fileBytes(path) {
    if (!bytes.has(path)) {
      const file = files[path];
      let data;
      if (file.encoding === 'base64') {
        const text = atob(file.data);
        data = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i += 1) data[i] = text.charCodeAt(i);
      } else {
        data = new TextEncoder().encode(file.data);
      }
      bytes.set(path, data);
    }
    return bytes.get(path);
  }

  function asset(path) {
    if (modules[path]) return PACKED + path; // a worker script: see PackedWorker
    if (!files[path]) return PACKED + path;
    if (!assetUrls.has(path)) {
      const blob = new Blob([fileBytes(path)], { type: files[path].type });
      assetUrls.set(path, URL.createObjectURL(blob));
    }
    return assetUrls.get(path);
  }

  function load(path) {
    if (loaded.has(path)) return loaded.get(path);
    const factory = modules[path];
    if (!factory) throw new Error(`folio: this page has no module ${path}`);
    const exports = Object.create(null);
    Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
    loaded.set(path, exports);
    const define = (getters, from) => {
      if (from) {
        for (const key of Object.keys(from)) {
          if (key !== 'default' && !(key in exports)) {
            Object.defineProperty(exports, key, { get: () => from[key], enumerable: true });
          }
        }
        return;
      }
      for (const [key, get] of Object.entries(getters)) {
        Object.defineProperty(exports, key, { get, enumerable: true });
      }
    };
    const dynamicImport = (specifier) => {
      try {
        const target = resolve(path, specifier);
        if (target === null) throw new TypeError(`folio: cannot import ${specifier} in this page`);
        return Promise.resolve(load(target));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    factory.call(undefined, load, define, dynamicImport, Object.freeze({ url: PACKED + path }), asset);
    return exports;
  }

  function install() {
    scope.fetch = function fetch(input, init) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input?.url;
      const path = url === undefined ? null : sitePath(url);
      if (path === null || !files[path]) return nativeFetch.call(scope, input, init);
      const body = fileBytes(path);
      return Promise.resolve(new Response(body, {
        status: 200,
        headers: { 'Content-Type': files[path].type, 'Content-Length': String(body.byteLength) },
      }));
    };
    if (!inPage || typeof NativeWorker !== 'function') return;
    let workerScript = null;
    const PackedWorker = function Worker(url, options = {}) {
      const path = sitePath(url instanceof URL ? url.href : url);
      if (path === null || !modules[path]) return new NativeWorker(url, options);
      workerScript ??= URL.createObjectURL(new Blob([thisScript], { type: 'text/javascript' }));
      const worker = new NativeWorker(workerScript, { name: options.name });
      worker.postMessage({ folioPacked: { entry: path, base: siteBase, files } });
      return worker;
    };
    PackedWorker.prototype = NativeWorker.prototype;
    scope.Worker = PackedWorker;
  }

  if (inPage) {
    siteBase = new URL('.', document.baseURI).href;
    for (const element of document.querySelectorAll('script[data-folio-file]')) {
      files[element.dataset.folioFile] = {
        type: element.type,
        encoding: element.dataset.encoding,
        data: element.textContent,
      };
    }
    install();
    // Like type="module" scripts: after the document is parsed.
    const start = () => entries.forEach(load);
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start, { once: true });
    } else {
      start();
    }
  } else {
    // A worker: the page's first message is the site; the module then takes over messages.
    scope.addEventListener('message', function receiveSite(event) {
      const site = event.data?.folioPacked;
      if (!site) return;
      event.stopImmediatePropagation();
      scope.removeEventListener('message', receiveSite);
      files = site.files;
      siteBase = site.base;
      install();
      load(site.entry);
    });
  }
})
