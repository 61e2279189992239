// Render throughput of the WASM core through folio.js, for before/after measurements (never a
// test; speed goals live in bench/). Usage, after `make test` (or `make native wasm` and the
// site.build test):
//   node tests/tools/render-speed.mjs [--runs N] <dir|file.md>...
// Builds a corpus from the arguments with the native CLI, then renders every body once per run
// and prints the median MB/s of Markdown (UTF-8 bytes) for each way of calling folio.js, and for
// markdown-it when bench/'s peers are installed. Runs are interleaved and timed in CPU time
// (process.cpuUsage) so that other processes on a shared machine disturb them less.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, loadFolioModule, sourceDir, wasmBinary } from '../support/env.mjs';

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

const ways = {
  'renderMarkdown(string) per document': () => {
    for (const body of bodies) folio.renderMarkdown(body);
  },
  'render(id) per article (Markdown already in WASM)': () => {
    for (const id of ids) folio.render(id);
  },
  'renderMany(all documents) in one call': () => folio.renderMany(bodies),
};
try {
  const require = createRequire(path.join(sourceDir, 'bench/package.json'));
  const md = new (require('markdown-it'))();
  ways['markdown-it (for comparison)'] = () => {
    for (const body of bodies) md.render(body);
  };
} catch {
  // bench/'s peers are not installed: folio alone.
}

const seconds = Object.fromEntries(Object.keys(ways).map((name) => [name, []]));
for (const renderAll of Object.values(ways)) renderAll(); // warm up the JIT, grow WASM memory once
for (let run = 0; run < runs; run += 1) {
  for (const [name, renderAll] of Object.entries(ways)) {
    const start = process.cpuUsage();
    renderAll();
    const used = process.cpuUsage(start);
    seconds[name].push((used.user + used.system) / 1e6);
  }
}
console.log(`${bodies.length} documents, ${(bytes / 1e6).toFixed(1)} MB Markdown, median of ${runs} runs (CPU time)`);
for (const [name, times] of Object.entries(seconds)) {
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`${name.padEnd(52)} ${(bytes / 1e6 / median).toFixed(1).padStart(6)} MB/s`);
}
folio.close();
