// Render throughput of the WASM core through folio.js, for before/after measurements (never a
// test; speed goals live in bench/). Usage, after `make test` (or `make native wasm` and the
// site.build test):
//   node tests/tools/render-speed.mjs [--runs N] <dir|file.md>...
// Builds a corpus from the arguments with the native CLI, then renders every body once per run
// and prints the median MB/s of Markdown (UTF-8 bytes) for each way of calling folio.js.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, loadFolioModule, wasmBinary } from '../support/env.mjs';

const args = process.argv.slice(2);
let runs = 5;
const inputs = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--runs') runs = Math.max(1, Number(args[++i]));
  else inputs.push(args[i]);
}
if (inputs.length === 0) {
  console.error('usage: node tests/tools/render-speed.mjs [--runs N] <dir|file.md>...');
  process.exit(2);
}

const site = mkdtempSync(path.join(tmpdir(), 'folio-speed-'));
execFileSync(cli, ['build', ...inputs, '-o', site], { stdio: ['ignore', 'ignore', 'ignore'] });
const corpus = JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8'));
rmSync(site, { recursive: true, force: true });

const { createFolio } = await loadFolioModule();
const folio = await createFolio({ corpus, wasmBinary: wasmBinary() });
const bodies = corpus.articles.map((a) => a.markdown);
const ids = corpus.articles.map((a) => a.id);
const bytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);

function measure(name, renderAll) {
  renderAll(); // warm up the JIT and grow WASM memory once
  const seconds = [];
  for (let run = 0; run < runs; run += 1) {
    const start = process.hrtime.bigint();
    renderAll();
    seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  seconds.sort((a, b) => a - b);
  const median = seconds[Math.floor(seconds.length / 2)];
  console.log(`${name}: median of ${runs} runs ${median.toFixed(3)} s = ${(bytes / 1e6 / median).toFixed(1)} MB/s`);
}

console.log(`${bodies.length} documents, ${(bytes / 1e6).toFixed(1)} MB Markdown`);
measure('renderMarkdown(string) per document', () => {
  for (const body of bodies) folio.renderMarkdown(body);
});
measure('render(id) per article (Markdown already in WASM)', () => {
  for (const id of ids) folio.render(id);
});
if (typeof folio.renderMany === 'function') {
  measure('renderMany(all documents) in one call', () => folio.renderMany(bodies));
}
folio.close();
