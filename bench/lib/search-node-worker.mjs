// One engine on one corpus, in a process of its own (so heap figures are its own):
//   node --expose-gc bench/lib/search-node-worker.mjs <job.json>
// job: { engine, site, docsFile, queriesFile, builds, passes, limit, out }
// Writes { build: [ms…], heapBytes, indexBytes, passes: [[ms per query]…], passesSnippets?,
//          results: [[ids]…], … engine.describe() } to job.out.
import { engineByName } from './engines.mjs';
import { gzipSize, nowMs, readJson, writeJson } from './util.mjs';

const job = readJson(process.argv[2]);
const engine = engineByName(job.engine);
const { docs } = readJson(job.docsFile);
const { queries } = readJson(job.queriesFile);

const gc = globalThis.gc ?? (() => {});
function memory() {
  gc();
  gc();
  const m = process.memoryUsage();
  // WASM linear memory and typed arrays count as external.
  return m.heapUsed + m.external;
}

const result = { engine: engine.name, build: [], passes: [] };
let handle = null;
const baseline = memory();
for (let b = 0; b < job.builds; b += 1) {
  if (handle && engine.dispose) engine.dispose(handle);
  handle = null;
  gc();
  const t0 = nowMs();
  handle = await engine.build({ docs, site: job.site });
  result.build.push(nowMs() - t0);
  if (b === 0) result.heapBytes = memory() - baseline;
}

if (engine.serialize) {
  const data = await engine.serialize(handle);
  const buffer = Buffer.from(data);
  result.indexBytes = { raw: buffer.length, gzip: gzipSize(buffer), files: 1 };
}

// One untimed pass warms the JIT and the engine's caches; then every pass times each query.
const timed = async (query, limit, options) => {
  const t0 = nowMs();
  const ids = await engine.search(handle, query, limit, options);
  return { ms: nowMs() - t0, ids };
};
async function timedPasses(options) {
  for (const q of queries) await timed(q, job.limit, options);
  const passes = [];
  for (let p = 0; p < job.passes; p += 1) {
    const times = [];
    for (const q of queries) times.push((await timed(q, job.limit, options)).ms);
    passes.push(times);
  }
  return passes;
}
result.passes = await timedPasses({});
if (engine.snippetPasses) result.passesSnippets = await timedPasses({ snippets: true });
if (engine.describe) Object.assign(result, engine.describe(handle));

// Recall pass: every hit, untimed.
result.results = [];
for (const q of queries) {
  const { ids } = await timed(q, Math.max(docs.length, 1));
  result.results.push(ids.map(String));
}
writeJson(job.out, result);
// Some engines keep timers or worker handles alive; the job is done.
process.exit(0);
