#!/usr/bin/env node
// The scale benchmark of issue 8: synthetic corpora of 10k / 100k (/ 300k) articles (synth.mjs,
// deterministic), each built by `folio build --layout sharded` and served on 127.0.0.1 by
// scripts/serve.mjs (byte ranges, as static hosts serve them), then measured in Chromium through
// the viewer: bytes and time to the first list paint, to the first search results (cold: a fresh
// profile; warm: a second query in the same tab), to an article opened from a deep link (cold, and
// warm: a reload of another deep link with the files cached), the renderer's memory, build time
// and output size. Medians of --runs visits. Not part of `make test` (GUIDE.md).
//
//   node bench/scale.mjs [--articles 10000,100000] [--runs 3] [--work build/bench/scale]
//   make bench-scale                      # the same, with native + WASM built first
//
// Writes <work>/scale.json and prints a Markdown table. Timings on a shared machine are noisy: the
// JSON records the load average at each step.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { startServer } from '../scripts/serve.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { synthesize } from './synth.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const sizes = option('articles', '10000,100000').split(',').map(Number);
const runs = Number(option('runs', '3'));
const work = path.resolve(option('work', path.join(root, 'build/bench/scale')));
const cli = process.env.FOLIO_CLI ?? path.join(root, 'build/native/bin/folio');
// Queries: a common two-character word for the cold search (what the peers' load benchmark uses),
// then a different pair of words for the warm one.
const coldQuery = option('query', '数据');
const warmQuery = option('warm-query', '统计 模型');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const load = () => os.loadavg()[0];

function dirStats(dir) {
  let files = 0;
  let bytes = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const stat = statSync(path.join(dir, name));
    if (stat.isFile()) {
      files += 1;
      bytes += stat.size;
    }
  }
  return { files, bytes };
}

function build(source, site) {
  // /usr/bin/time gives CPU time and peak memory besides the wall time.
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cli, 'build', source, '-o', site, '--layout', 'sharded'],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`folio build failed:\n${result.stderr.slice(-2000)}`);
  const [wall, user, sys, rssKb] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wallSeconds: wall, cpuSeconds: user + sys, peakRssMiB: rssKb / 1024 };
}

// Ids for deep links: from the middle and the end of the list, read the way folio.js reads them.
function deepLinkIds(site) {
  const entry = JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8'));
  const data = (name) => inflateSync(readFileSync(path.join(site, 'data', name)));
  const manifest = JSON.parse(data(entry.manifest));
  const files = manifest.list.files;
  const middle = JSON.parse(data(files[Math.floor(files.length / 2)]));
  const last = JSON.parse(data(files[files.length - 1]));
  return [middle[7].id, last[last.length - 1].id];
}

// The largest renderer process (the tab) of a Chromium launched by launchBrowser after `before`
// (a set of pids): its resident memory, WASM memory included.
function processes() {
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      procs.set(Number(pid), { ppid, cmd, rss });
    } catch {
      // gone meanwhile
    }
  }
  return procs;
}

function rendererRssMiB(before) {
  const procs = processes();
  const browsers = [...procs].filter(([pid, p]) => !before.has(pid) && p.cmd.includes('folio-bench-chromium') &&
    !p.cmd.includes('--type='));
  if (browsers.length !== 1) return null; // another benchmark's Chromium started meanwhile
  const browserPid = browsers[0][0];
  const inTree = (pid) => {
    for (let p = procs.get(pid); p; p = procs.get(p.ppid)) if (p.ppid === browserPid) return true;
    return false;
  };
  let max = 0;
  for (const [pid, p] of procs) if (p.cmd.includes('--type=renderer') && inTree(pid)) max = Math.max(max, p.rss);
  return max / 1024;
}

// Waits in the page until `selector` exists (and, when given, its text includes `text`), then
// answers performance.now(): milliseconds since the navigation started.
const waitIn = (page, selector, text = null) => page.evaluate(([sel, txt]) => new Promise((resolve) => {
  const check = () => {
    const node = document.querySelector(sel);
    if (node && (txt === null || node.textContent.includes(txt))) resolve(performance.now());
    else requestAnimationFrame(check);
  };
  check();
}), [selector, text]);

const sent = (log, from) => log.slice(from).reduce((sum, r) => sum + r.bytes, 0);
// The site's own files (data/ and the entry), apart from the runtime (folio.js, the WASM module,
// the viewer), which a page embedding folio loads once whatever the corpus.
const sentData = (log, from) => log.slice(from)
  .filter((r) => r.path.startsWith('/data/') || r.path === '/corpus.json').reduce((sum, r) => sum + r.bytes, 0);

async function visit(served, fn) {
  const before = new Set(processes().keys());
  const browser = await launchBrowser();
  browser.before = before;
  try {
    const page = await browser.newPage();
    const out = await fn(page, browser);
    // Articles link images on the internet, which this machine cannot reach: those failures are
    // the sandbox's, not folio's.
    const errors = browser.errors.filter((e) => !e.includes('net::ERR_NAME_NOT_RESOLVED'));
    if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
    return out;
  } finally {
    await browser.close();
  }
}

async function measureSite(site, ids) {
  // Immutable caching for everything, as a CDN serves data/ (file names are content hashes): the
  // warm figures reload with a warm HTTP cache; cold ones use a fresh profile.
  const served = await startServer({ root: site, headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } });
  const samples = { list: [], search: [], warmSearch: [], deepLink: [], warmDeepLink: [], memory: [] };
  try {
    for (let r = 0; r < runs; r += 1) {
      samples.list.push(await visit(served, async (page) => {
        const from = served.log.length;
        await page.goto(served.url, { waitUntil: 'commit' });
        const ms = await waitIn(page, '.article-list a');
        return { ms, bytes: sent(served.log, from), dataBytes: sentData(served.log, from), requests: served.log.length - from };
      }));
      await visit(served, async (page, browser) => {
        let from = served.log.length;
        await page.goto(`${served.url}#/search?q=${encodeURIComponent(coldQuery)}`, { waitUntil: 'commit' });
        const ms = await waitIn(page, '.results li');
        samples.search.push({ ms, bytes: sent(served.log, from), dataBytes: sentData(served.log, from), requests: served.log.length - from,
          status: await page.textContent('.status') });
        from = served.log.length;
        const warm = await page.evaluate(async (q) => {
          const t0 = performance.now();
          location.hash = `#/search?q=${encodeURIComponent(q)}`;
          await new Promise((resolve) => {
            const check = () => (document.querySelector('.status')?.textContent.includes(q) ? resolve() : requestAnimationFrame(check));
            check();
          });
          return performance.now() - t0;
        }, warmQuery);
        samples.warmSearch.push({ ms: warm, bytes: sent(served.log, from), dataBytes: sentData(served.log, from), requests: served.log.length - from });
        samples.memory.push(rendererRssMiB(browser.before) ?? NaN);
      });
      await visit(served, async (page) => {
        let from = served.log.length;
        await page.goto(`${served.url}#/a/${encodeURIComponent(ids[0])}`, { waitUntil: 'commit' });
        const ms = await waitIn(page, 'article h1');
        samples.deepLink.push({ ms, bytes: sent(served.log, from), dataBytes: sentData(served.log, from), requests: served.log.length - from });
        from = served.log.length;
        await page.goto(`${served.url}#/a/${encodeURIComponent(ids[1])}`, { waitUntil: 'commit' });
        await page.reload({ waitUntil: 'commit' });
        const warm = await waitIn(page, 'article h1');
        samples.warmDeepLink.push({ ms: warm, bytes: sent(served.log, from), dataBytes: sentData(served.log, from), requests: served.log.length - from });
      });
    }
  } finally {
    served.server.close();
  }
  const summary = {};
  for (const [key, list] of Object.entries(samples)) {
    summary[key] = key === 'memory'
      ? { rendererRssMiB: median(list.filter((v) => !Number.isNaN(v))) ?? null }
      : { ms: median(list.map((s) => s.ms)), bytes: median(list.map((s) => s.bytes)),
        dataBytes: median(list.map((s) => s.dataBytes)),
        requests: median(list.map((s) => s.requests)), runs: list };
  }
  return summary;
}

mkdirSync(work, { recursive: true });
const results = { date: new Date().toISOString(), machine: { cpus: os.cpus().length }, runs, coldQuery, warmQuery, sizes: [] };
for (const n of sizes) {
  const corpusDir = path.join(work, 'corpora', `synth-${n / 1000}k`);
  const synth = synthesize({ articles: n, out: corpusDir });
  const site = path.join(work, 'sites', `synth-${n / 1000}k`);
  const loadBefore = load();
  const built = existsSync(path.join(site, 'corpus.json')) && args.includes('--reuse') ? null : build(path.join(corpusDir, synth.src), site);
  const output = dirStats(path.join(site, 'data'));
  const ids = deepLinkIds(site);
  const measured = await measureSite(site, ids);
  results.sizes.push({ articles: n, markdownBytes: synth.bytes, build: built, output, loadBefore, loadAfter: load(), ...measured });
  writeFileSync(path.join(work, 'scale.json'), `${JSON.stringify(results, null, 1)}\n`);
}

const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;
const cell = (m) => `${m.ms.toFixed(0)} ms, ${kib(m.dataBytes)} (+${kib(m.bytes - m.dataBytes)} runtime)`;
console.log(`Medians of ${runs} visits; bytes: the site's data files (+ the runtime, raw), as the server sent them.`);
console.log(`| articles | build wall / CPU | data/ files, MiB | first list paint | first search (cold) | search (warm) | deep link (cold) | deep link (warm) | renderer RSS |`);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const s of results.sizes) {
  const b = s.build ? `${s.build.wallSeconds.toFixed(0)} s / ${s.build.cpuSeconds.toFixed(0)} s` : 'reused';
  console.log(`| ${s.articles} | ${b} | ${s.output.files}, ${(s.output.bytes / 2 ** 20).toFixed(0)} | ` +
    `${cell(s.list)} | ${cell(s.search)} | ${cell(s.warmSearch)} | ${cell(s.deepLink)} | ${cell(s.warmDeepLink)} | ${s.memory.rendererRssMiB?.toFixed(0) ?? '?'} MiB |`);
}
