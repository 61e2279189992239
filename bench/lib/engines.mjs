// The search engines measured in Node, each behind the same four calls:
//   build({ docs, site }) -> handle        (timed: the index a page would have to build or load)
//   search(handle, query, limit) -> ids    (timed: what a search box asks for one page of hits)
//   serialize(handle) -> bytes | null      (what would ship to a browser; folio's comes from its site)
//   packages: npm packages whose versions the report names
//   runtimeFiles: the library as a browser would download it (under bench/node_modules)
// Every peer indexes the same documents (visible text, lib/text.mjs) in the configuration
// shared/notes/peer-benchmarks.md measured, so the numbers can be compared with it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

const hanRe = /\p{Script=Han}/u;
// Latin/digit words and single Han characters, lower case.
const wordsAndHan = (s) => s.toLowerCase().match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];
// Latin/digit words and overlapping Han bigrams (a lone Han character stays a unigram).
function wordsAndBigrams(s) {
  const out = [];
  for (const m of s.toLowerCase().matchAll(/\p{Script=Han}+|[\p{L}\p{N}]+/gu)) {
    const run = m[0];
    if (!hanRe.test(run[0])) out.push(run);
    else if (run.length === 1) out.push(run);
    else for (let i = 0; i + 1 < run.length; i += 1) out.push(run.slice(i, i + 2));
  }
  return out;
}

const docText = (d) => `${d.title}\n${d.author}\n${d.text}`;

// The file a folio site is opened by (`createFolio({ corpusUrl })` in pages/search.js too).
export const siteEntry = 'corpus.json';

// A fetch over the files of a site (file: URLs inside it), for folio.js in Node.
export function siteFetch(site) {
  const root = path.resolve(site) + path.sep;
  return async (url) => {
    const file = fileURLToPath(String(url));
    if (!file.startsWith(root) || !existsSync(file)) return new Response(null, { status: 404 });
    return new Response(readFileSync(file), { status: 200 });
  };
}

const folioWasm = {
  name: 'folio-wasm',
  label: 'folio (WASM, Node)',
  packages: [],
  // Loading a site as a browser does: folio.js fetches the site's entry file and whatever it
  // needs beside it (folio-index.bin today; a sharded layout's files tomorrow), here through a
  // fetch that reads the site's files, so the harness does not depend on the site's layout.
  async build({ site }) {
    const { createFolio } = await import(path.join(site, 'folio.js'));
    return createFolio({
      corpusUrl: pathToFileURL(path.join(site, siteEntry)).href,
      fetch: siteFetch(site),
      wasmBinary: readFileSync(path.join(site, 'folio-core.wasm')),
    });
  },
  // folio's query language: quoted phrases are phrases, the rest as typed. Without snippets the
  // hits carry ids, metadata and scores, as the peers' results do (like for like); the
  // `snippets` passes time what a search box shows (20 hits, each with its <mark>ed snippet).
  search(folio, query, limit, { snippets = false } = {}) {
    return folio.search(query.text, { limit, snippets }).hits.map((h) => h.id);
  },
  snippetPasses: true,
  describe: (folio) => ({ indexSource: folio.indexSource }),
  total(folio, query) {
    return folio.search(query.text, { limit: 1 }).total;
  },
  serialize: null,
  dispose(folio) {
    folio.close();
  },
};

async function flexsearchModule() {
  return import('flexsearch');
}

const flexsearchCjk = {
  name: 'flexsearch-cjk',
  label: 'FlexSearch 0.8 (CJK charset)',
  packages: ['flexsearch'],
  runtimeFiles: ['flexsearch/dist/flexsearch.bundle.module.min.mjs'],
  async build({ docs }) {
    const { Index, Charset } = await flexsearchModule();
    const index = new Index({ encoder: Charset.CJK });
    for (const d of docs) index.add(d.id, docText(d));
    return index;
  },
  search(index, query, limit) {
    return index.search(query.needle, { limit });
  },
  serialize: flexExport,
};

const flexsearchContext = {
  name: 'flexsearch-context',
  label: 'FlexSearch 0.8 (words + Han chars, context index)',
  packages: ['flexsearch'],
  runtimeFiles: ['flexsearch/dist/flexsearch.bundle.module.min.mjs'],
  async build({ docs }) {
    const { Index } = await flexsearchModule();
    const index = new Index({ encode: wordsAndHan, context: { depth: 1, bidirectional: true, resolution: 9 } });
    for (const d of docs) index.add(d.id, docText(d));
    return index;
  },
  search(index, query, limit) {
    return index.search(query.needle, { limit });
  },
  serialize: flexExport,
};

async function flexExport(index) {
  let bytes = '';
  await index.export((key, data) => {
    bytes += `${key}\n${data ?? ''}\n`;
  });
  return bytes;
}

const minisearch = {
  name: 'minisearch',
  label: 'MiniSearch 7.2 (words + Han bigrams)',
  packages: ['minisearch'],
  runtimeFiles: ['minisearch/dist/umd/index.js'],
  async build({ docs }) {
    const { default: MiniSearch } = await import('minisearch');
    const ms = new MiniSearch({
      fields: ['title', 'author', 'text'],
      tokenize: wordsAndBigrams,
      processTerm: (t) => t,
      searchOptions: { combineWith: 'AND' },
    });
    ms.addAll(docs);
    return ms;
  },
  search(ms, query, limit) {
    const terms = wordsAndBigrams(query.needle);
    // One Han character: every bigram that starts with it.
    const prefix = terms.length === 1 && hanRe.test(terms[0]) && terms[0].length === 1;
    return ms.search(terms.join(' '), { prefix, tokenize: (s) => s.split(' ') }).slice(0, limit).map((r) => r.id);
  },
  serialize: (ms) => JSON.stringify(ms),
};

let lunrLib = null;
function loadLunr() {
  if (!lunrLib) {
    const lunr = require('lunr');
    require('lunr-languages/lunr.stemmer.support')(lunr);
    // Without @node-rs/jieba (a native addon), lunr.zh falls back to Intl.Segmenter, as in a
    // browser; its notice about that goes to console.info, which we silence.
    const info = console.info;
    console.info = () => {};
    try {
      require('lunr-languages/lunr.zh')(lunr);
      lunr.zh.tokenizer('预热');
    } finally {
      console.info = info;
    }
    lunrLib = lunr;
  }
  return lunrLib;
}

const lunrZh = {
  name: 'lunr-zh',
  label: 'lunr 2.3 + lunr.zh (Intl.Segmenter words + bigrams)',
  packages: ['lunr', 'lunr-languages'],
  runtimeFiles: ['lunr/lunr.min.js', 'lunr-languages/min/lunr.stemmer.support.min.js', 'lunr-languages/min/lunr.zh.min.js'],
  async build({ docs }) {
    const lunr = loadLunr();
    return lunr(function build() {
      this.use(lunr.zh);
      this.ref('id');
      this.field('title', { boost: 2 });
      this.field('author');
      this.field('text');
      for (const d of docs) this.add(d);
    });
  },
  search(index, query, limit) {
    const lunr = loadLunr();
    const tokens = lunr.zh.tokenizer(query.needle).map((t) => t.toString());
    return index.query((q) => {
      for (const t of tokens) q.term(t, { presence: lunr.Query.presence.REQUIRED });
    }).slice(0, limit).map((r) => r.ref);
  },
  serialize: (index) => JSON.stringify(index),
};

export const nodeEngines = [folioWasm, flexsearchCjk, flexsearchContext, minisearch, lunrZh];

export function engineByName(name) {
  const engine = nodeEngines.find((e) => e.name === name);
  if (!engine) throw new Error(`unknown engine ${name}`);
  return engine;
}
