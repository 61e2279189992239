#!/usr/bin/env node
// Measures folio's search on one corpus: native index build time, index and corpus bytes (raw
// and gzip -9), and query latency p50/p95 natively and in WASM under Node (folio.js over the
// built site, reading folio-index.bin). Queries: 50, drawn deterministically from the corpus as
// in ../shared/notes/peer-benchmarks.md (30 Chinese of 2-7 characters, some mixed with Latin,
// and 20 Latin words). Each query's time is its median over the rounds; p50/p95 are over queries.
// Each search asks for the first page (20 hits), with snippets and again without (ids, metadata,
// scores and facets only: what the peers' figures measure).
// Timings on a shared machine are noisy: run it several times and compare medians. The WASM
// figures are after a warm-up pass (V8 optimises WASM in the background after first use).
//   node scripts/measure-search.mjs [corpus-dir] [--runs 3] [--rounds 7]
// Needs `make native wasm` (build/native/bin/folio, build/native/bin/search_latency, build/wasm).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
};
const runs = option('--runs', 3);
const rounds = option('--rounds', 7);
const corpusDir = path.resolve(args[0] ?? path.join(root, '../shared/corpora/zh-yihui'));
const bin = path.join(root, 'build/native/bin');
const work = mkdtempSync(path.join(tmpdir(), 'folio-measure-'));
const site = path.join(work, 'site');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, q) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

// 1. Build (the whole `folio build`: parse, render, index, write), median of runs.
const buildTimes = [];
for (let r = 0; r < runs; r++) {
  const start = process.hrtime.bigint();
  const result = spawnSync(path.join(bin, 'folio'), ['build', corpusDir, '-o', site], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  buildTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
}

// 2. Bytes.
const size = (file) => {
  const bytes = readFileSync(path.join(site, file));
  return { raw: statSync(path.join(site, file)).size, gzip: gzipSync(bytes, { level: 9 }).length };
};
const bytes = { index: size('folio-index.bin'), corpus: size('corpus.json'), wasm: size('folio-core.wasm') };

// 3. Queries.
const corpus = JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8'));
const texts = corpus.articles.map((a) => a.markdown);
let seed = 20261127;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const queries = [];
const han = /[\u4e00-\u9fff]{2,}/g;
const mixed = /[A-Za-z]{2,}[\u4e00-\u9fff]{2,}|[\u4e00-\u9fff]{2,}[A-Za-z]{2,}/g;
while (queries.length < 30) {
  const text = texts[Math.floor(random() * texts.length)];
  const pool = queries.length % 5 === 4 ? [...text.matchAll(mixed)] : [...text.matchAll(han)];
  if (pool.length === 0) continue;
  const run = pool[Math.floor(random() * pool.length)][0];
  const length = Math.min(run.length, 2 + Math.floor(random() * 6));
  const at = Math.floor(random() * (run.length - length + 1));
  const query = run.slice(at, at + length);
  if (!queries.includes(query)) queries.push(query);
}
while (queries.length < 50) {
  const words = [...texts[Math.floor(random() * texts.length)].matchAll(/\b[A-Za-z]{3,}\b/g)];
  if (words.length === 0) continue;
  const word = words[Math.floor(random() * words.length)][0];
  if (!queries.includes(word)) queries.push(word);
}
const queryFile = path.join(work, 'queries.txt');
writeFileSync(queryFile, queries.join('\n') + '\n');

// 4. Native latency, median of runs of the tool.
const nativeLatency = (mode) => {
  const all = [];
  for (let r = 0; r < runs; r++) {
    all.push(JSON.parse(execFileSync(path.join(bin, 'search_latency'), [site, queryFile, String(rounds), mode], { encoding: 'utf8' })));
  }
  return {
    load_ms: median(all.map((r) => r.load_ms)),
    p50_ms: median(all.map((r) => r.p50_ms)),
    p95_ms: median(all.map((r) => r.p95_ms)),
  };
};
const native = nativeLatency('snippets');
const nativeIds = nativeLatency('ids');

// 5. WASM in Node through folio.js, as a page would use it.
const { createFolio } = await import(pathToFileURL(path.join(site, 'folio.js')).href);
const wasmBinary = readFileSync(path.join(site, 'folio-core.wasm'));
const wasmRuns = [];
for (let r = 0; r < runs; r++) {
  const start = process.hrtime.bigint();
  const folio = await createFolio({
    corpus: readFileSync(path.join(site, 'corpus.json')),
    index: readFileSync(path.join(site, 'folio-index.bin')),
    wasmBinary,
  });
  const load = Number(process.hrtime.bigint() - start) / 1e6;
  if (folio.indexSource !== 'file') throw new Error('the index file was not used');
  // Warm-up: V8 first runs WASM in its baseline compiler and optimises hot functions in the
  // background; on a busy machine that takes seconds. Timed rounds then measure optimised code.
  for (const until = Date.now() + 3000; Date.now() < until;) for (const q of queries) folio.search(q);
  const perQuery = (options) => queries.map((q) => {
    const times = [];
    for (let k = 0; k < rounds; k++) {
      const t = process.hrtime.bigint();
      folio.search(q, options);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return median(times);
  });
  const withSnippets = perQuery({});
  const idsOnly = perQuery({ snippets: false });
  wasmRuns.push({
    load_ms: load,
    p50_ms: percentile(withSnippets, 0.5),
    p95_ms: percentile(withSnippets, 0.95),
    ids_p50_ms: percentile(idsOnly, 0.5),
    ids_p95_ms: percentile(idsOnly, 0.95),
  });
  folio.close();
}
const wasm = Object.fromEntries(Object.keys(wasmRuns[0]).map((k) => [k, median(wasmRuns.map((r) => r[k]))]));

const result = {
  corpus: path.basename(corpusDir),
  articles: corpus.articles.length,
  build_ms: median(buildTimes),
  bytes,
  native,
  native_without_snippets: nativeIds,
  wasm,
  runs,
  rounds,
  load_average: execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).trim(),
  queries,
};
console.log(JSON.stringify(result, null, 1));
