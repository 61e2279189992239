// Issue 8's scale benchmark: the `scale` phase of run.mjs (`--only scale`, `make bench-scale`).
// For each size N (--scale-sizes, 10k, 100k and 300k by default), the synthetic corpus
// synth-N (synth.mjs, deterministic: 10k ⊂ 100k ⊂ 300k) is built twice from the same articles:
// by `folio build --layout sharded` (src/site/FORMAT.md) and by Pagefind (its Node API, one record
// per article's visible text, as the search phase builds it). Both are served by one server on
// 127.0.0.1 (lib/server.mjs with byte ranges, which the sharded reader uses, and immutable caching,
// as a CDN serves content-hashed files), and measured in Chromium, a fresh profile per cold visit:
//
//   folio (its viewer)  first list paint; first search results for a deep link to a search, cold,
//                       then a second query in the same tab (warm); an article opened from a deep
//                       link, cold, then another article in a new page load with the cache warm;
//                       the tab's renderer memory after the searches
//   Pagefind (its UI)   first search results for the same query, cold; renderer memory
//   both                build wall / CPU time and peak memory (GNU time), output files and bytes;
//                       per visit, bytes the server sent (raw, and gzip as a host that compresses
//                       would send them), requests
//
// Medians over --scale-runs visits with their spread; the report compares folio with Pagefind
// within each size, so every ratio comes from one run. Machine load is sampled before and after
// each size.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { launchBrowser } from './browser.mjs';
import { corpusSource, corpusSpec, siteFiles } from './corpora.mjs';
import { milestones, visit } from './load.mjs';
import { pagefindBytes } from './pagefind.mjs';
import { startBenchServer } from './server.mjs';
import { normalize, visibleText, visibleTextVersion } from './text.mjs';
import {
  benchDir, cliPath, ensureDir, listFiles, log, nowMs, readJson, runOk, summarize,
} from './util.mjs';

/**
 * Issue 8's targets, for 100k articles; a smaller corpus is held to the same, a larger one (300k)
 * to `factorAbove100k` times each limit. `bytesPerFirstQuery` counts everything a cold visit to a
 * search link transfers (runtime included) as a host that gzips sends it.
 */
export const scaleTargets = {
  listPaintMs: 1000,
  firstSearchMs: 1000,
  bytesPerFirstQuery: 1e6,
  warmDeepLinkMs: 300,
  buildSec: 120,
  tabBytes: 300e6,
  factorAbove100k: 2,
};

export const scaleName = (n) => (n % 1000 === 0 ? `synth-${n / 1000}k` : `synth-${n}`);

/** "10000,100k,300k" -> [10000, 100000, 300000] */
export function parseSizes(list) {
  return list.map((s) => {
    const m = /^(\d+)(k?)$/i.exec(String(s).trim());
    if (!m || Number(m[1]) < 1) throw new Error(`bench: --scale-sizes wants article counts such as 10000 or 100k, not ${s}`);
    return Number(m[1]) * (m[2] ? 1000 : 1);
  });
}

const gnuTime = '/usr/bin/time';

/**
 * Runs a program and measures it: wall time, CPU time of it and its children, peak resident
 * memory. GNU time (Debian's `time` package) gives all three; without it, bash's `times` gives
 * the CPU time and the peak memory is unknown.
 */
async function timed(command, argv) {
  if (existsSync(gnuTime)) {
    const r = await runOk(gnuTime, ['-f', 'folio-bench-time %U %S %M', command, ...argv]);
    const line = r.stderr.trim().split('\n').reverse().find((l) => l.startsWith('folio-bench-time '));
    const [user, sys, rssKb] = line.split(' ').slice(1).map(Number);
    return { stdout: r.stdout, wallSec: r.ms / 1000, cpuSec: user + sys, peakRssBytes: rssKb * 1024, by: 'GNU time' };
  }
  const r = await runOk('bash', ['-c', '"$@"; s=$?; times >&2; exit $s', 'bash', command, ...argv]);
  const [user, sys] = r.stderr.trim().split('\n').pop().split(' ')
    .map((t) => { const [, m, s] = /(\d+)m([\d.]+)s/.exec(t); return Number(m) * 60 + Number(s); });
  return { stdout: r.stdout, wallSec: r.ms / 1000, cpuSec: user + sys, peakRssBytes: null, by: 'bash times' };
}

/** Files and bytes of a folder's files, raw (what a host stores), by the first part of their names. */
function outputStats(dir, files) {
  const byKind = {};
  let bytes = 0;
  for (const rel of files) {
    const size = statSync(path.join(dir, rel)).size;
    bytes += size;
    const kind = /^data\/([a-z]+)-/.exec(rel)?.[1] ?? rel.split('/')[0];
    byKind[kind] = (byKind[kind] ?? 0) + size;
  }
  return { files: files.length, bytes, byKind };
}

/**
 * The articles of a synthetic corpus as every engine indexes them (title, author, the visible
 * text of the body; lib/text.mjs), read from its Markdown files. Cached beside the corpus, keyed
 * by the generator's hash, as JSON lines (lib/pagefind-build.mjs): a first line
 * {"key", "docs": count}, then a document a line. One JSON text would not do: at 300k articles
 * it is over 512 MiB, past the longest string Node can read a file into.
 */
function synthDocuments(source, manifest, cacheFile) {
  const key = `${visibleTextVersion}:${manifest.sha256}`;
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(firstLine(cacheFile));
    if (cached.key === key) return cached.docs;
  }
  log(`extracting visible text of ${manifest.settings.articles} articles for Pagefind`);
  const lines = [];
  for (const folder of readdirSync(source).sort()) {
    for (const file of readdirSync(path.join(source, folder)).sort()) {
      const text = readFileSync(path.join(source, folder, file), 'utf8');
      const head = /^---\n([\s\S]*?)\n---\n/.exec(text);
      const field = (name) => {
        const value = new RegExp(`^${name}: (.*)$`, 'm').exec(head[1])?.[1] ?? '';
        return value.startsWith('"') ? JSON.parse(value) : value;
      };
      lines.push(JSON.stringify({
        id: field('id'),
        title: normalize(field('title')),
        author: normalize(field('author')),
        text: normalize(visibleText(text.slice(head[0].length))),
      }));
    }
  }
  ensureDir(path.dirname(cacheFile));
  const fd = openSync(cacheFile, 'w');
  try {
    writeSync(fd, `${JSON.stringify({ key, docs: lines.length })}\n`);
    for (const line of lines) writeSync(fd, `${line}\n`);
  } finally {
    closeSync(fd);
  }
  return lines.length;
}

function firstLine(file) {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, n).indexOf(10);
    return buffer.toString('utf8', 0, end < 0 ? n : end);
  } finally {
    closeSync(fd);
  }
}

// Deep links: an article from the middle of the list and the last one, read the way folio.js
// reads a sharded site (the entry, its manifest, list pages).
function deepLinkIds(site) {
  const entry = readJson(path.join(site, 'corpus.json'));
  const data = (name) => JSON.parse(inflateSync(readFileSync(path.join(site, 'data', name))));
  const manifest = data(entry.manifest);
  const files = manifest.list.files;
  const middle = data(files[Math.floor(files.length / 2)]);
  const last = data(files[files.length - 1]);
  return [middle[Math.floor(middle.length / 2)].id, last[last.length - 1].id];
}

// The tab's memory: the largest resident set among the renderer processes of the Chromium
// started with `profile` (launchBrowser's --user-data-dir), WASM memory included.
function rendererRssBytes(profile) {
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      procs.set(Number(pid), { ppid, cmd, rss });
    } catch {
      // gone meanwhile
    }
  }
  const root = [...procs].find(([, p]) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type='));
  if (!root) return null;
  const below = (pid) => {
    for (let p = procs.get(pid); p; p = procs.get(p.ppid)) if (p.ppid === root[0]) return true;
    return false;
  };
  let max = 0;
  for (const [pid, p] of procs) if (p.cmd.includes('--type=renderer') && below(pid)) max = Math.max(max, p.rss);
  return max || null;
}

// A second query typed into the same tab: the hash changes, and the time runs until the viewer's
// status names the new query (it is written after the results) and is painted.
async function warmSearch(page, query) {
  return page.evaluate((q) => new Promise((resolve, reject) => {
    const root = document.querySelector('folio-viewer')?.shadowRoot;
    if (!root) {
      reject(new Error('no <folio-viewer> in the page'));
      return;
    }
    const start = performance.now();
    location.hash = `#/search?q=${encodeURIComponent(q)}`;
    const check = () => {
      const status = root.querySelector('.search-status')?.textContent ?? '';
      if (status.includes(`“${q}”`)) {
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({
          ms: performance.now() - start, hits: root.querySelectorAll('.results a.result-title').length,
        })));
      } else if (performance.now() - start > 120000) reject(new Error(`no results for ${q} after 120 s`));
      else requestAnimationFrame(check);
    };
    check();
  }), query);
}

// Figures of several visits: a summary of each number.
function summaries(samples) {
  const out = {};
  for (const key of ['ms', 'bytes', 'gzipBytes', 'dataBytes', 'requests', 'rssBytes', 'hits']) {
    const values = samples.map((s) => s[key]).filter((v) => v !== undefined && v !== null);
    if (values.length) out[key] = summarize(values);
  }
  return out;
}

const isData = (p) => p === '/corpus.json' || p.startsWith('/data/');

async function measureVisits({ served, ids, coldQuery, warmQuery, runs, errors, pagefind: withPagefind }) {
  const folio = { list: [], search: [], warmSearch: [], deepLink: [], warmDeepLink: [], memory: [] };
  const pagefind = { search: [], memory: [] };
  // A fresh profile for each cold visit: nothing cached, no service worker, no compiled WASM.
  const fresh = async (fn) => {
    const browser = await launchBrowser();
    try {
      return await fn(browser);
    } finally {
      // Articles link images on the internet, which this machine cannot reach: not folio's errors.
      errors.push(...browser.errors.filter((e) => !e.includes('net::ERR_NAME_NOT_RESOLVED')));
      await browser.close();
    }
  };
  const base = served.url;
  for (let r = 0; r < runs; r += 1) {
    folio.list.push(await fresh((b) => visit(b, served, { url: `${base}/`, selector: milestones.folio.list.selector, isData })));

    const searched = await fresh((b) => visit(b, served, {
      url: `${base}/${milestones.folio.search.hash(coldQuery)}`,
      selector: milestones.folio.search.selector,
      isData,
      after: async (page) => {
        const from = served.log.length;
        const warm = await warmSearch(page, warmQuery);
        const sent = served.log.slice(from);
        return {
          warm: { ...warm, bytes: sent.reduce((a, e) => a + e.bytes, 0), requests: sent.length,
            dataBytes: sent.filter((e) => isData(e.path)).reduce((a, e) => a + e.bytes, 0) },
          rssBytes: rendererRssBytes(b.profile),
        };
      },
    }));
    folio.search.push(searched);
    folio.warmSearch.push(searched.after.warm);
    folio.memory.push({ rssBytes: searched.after.rssBytes });

    const linked = await fresh((b) => visit(b, served, {
      url: `${base}/#/a/${encodeURIComponent(ids[0])}`,
      selector: 'h1.article-title',
      isData,
      // Another article, in a new page load with the HTTP cache warm (runtime, entry, manifest).
      after: (page, { measure }) => measure(async () => {
        await page.goto('about:blank');
        await page.goto(`${base}/#/a/${encodeURIComponent(ids[1])}`);
      }),
    }));
    folio.deepLink.push(linked);
    folio.warmDeepLink.push(linked.after);

    if (!withPagefind) continue;
    const found = await fresh((b) => visit(b, served, {
      url: `${base}/bench/pagefind-ui.html${milestones.pagefind.search.hash(coldQuery)}`,
      selector: milestones.pagefind.search.selector,
      after: async () => ({ rssBytes: rendererRssBytes(b.profile) }),
    }));
    pagefind.search.push(found);
    pagefind.memory.push(found.after);
  }
  const all = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, summaries(v)]));
  return { folio: all(folio), pagefind: all(pagefind) };
}

async function measureSize(n, { workDir, runs, coldQuery, warmQuery, pagefindFailedAt = null }) {
  const name = scaleName(n);
  const loadBefore = os.loadavg()[0];
  const spec = corpusSpec(name, workDir);
  const { source, manifest } = corpusSource(spec);
  const dir = ensureDir(path.join(workDir, 'scale', name));
  const entry = { articles: n, name, markdownBytes: manifest.bytes, corpusSha256: manifest.sha256, loadBefore };

  // folio: the CLI, a fresh output folder (no files of an earlier build to keep).
  log(`scale ${name}: folio build --layout sharded`);
  const site = path.join(dir, 'site');
  rmSync(site, { recursive: true, force: true });
  const built = await timed(cliPath, ['build', source, '-o', site, '--layout', 'sharded', '--report', path.join(dir, 'site.report.json')]);
  const report = readJson(path.join(dir, 'site.report.json'));
  if (report.layout && report.layout !== 'sharded') throw new Error(`folio build wrote a ${report.layout} site`);
  const files = siteFiles(site);
  entry.folio = {
    build: { wallSec: built.wallSec, cpuSec: built.cpuSec, peakRssBytes: built.peakRssBytes, by: built.by },
    output: outputStats(site, files.data),
    runtime: outputStats(site, files.runtime),
    articles: report.counts?.articles ?? null,
    skipped: report.skipped?.length ?? null,
  };

  // Pagefind: the same articles, in a process of its own so its binary's CPU time counts. A build
  // that fails (lib/pagefind-build.mjs stops one past its memory budget) is reported as such, and
  // folio is measured all the same. Past a size where it failed in this run it is not tried: its
  // memory grows with the articles (at 300k it stopped at the budget after 208,061 records, 14 min
  // of the run, 2026-11-29).
  const bundle = path.join(dir, 'pagefind');
  rmSync(bundle, { recursive: true, force: true });
  if (pagefindFailedAt !== null) {
    entry.pagefind = { error: `not run: its build failed at ${scaleName(pagefindFailedAt)} in this run` };
    log(`scale ${name}: Pagefind ${entry.pagefind.error}`);
  } else try {
    log(`scale ${name}: Pagefind build`);
    const docsFile = path.join(workDir, 'cache', name, 'docs-synth.jsonl');
    entry.pagefindRecords = synthDocuments(source, manifest, docsFile);
    const pf = await timed(process.execPath, ['--max-old-space-size=12288', path.join(benchDir, 'lib/pagefind-build.mjs'), docsFile, bundle]);
    const pfBytes = pagefindBytes(bundle);
    // GNU time misses Pagefind's binary (not waited for); the worker reads it from /proc.
    const pfSelf = JSON.parse(pf.stdout);
    entry.pagefind = {
      build: {
        wallSec: pf.wallSec,
        indexSec: pfSelf.ms / 1000,
        cpuSec: Math.max(pf.cpuSec, pfSelf.cpuSec),
        peakRssBytes: Math.max(pf.peakRssBytes ?? 0, pfSelf.peakRssBytes) || null,
        by: `${pf.by} + /proc`,
      },
      output: outputStats(bundle, listFiles(bundle)),
      indexBytes: pfBytes.index,
      runtimeBytes: pfBytes.runtime,
    };
  } catch (error) {
    const message = String(error.message ?? error);
    log(`scale ${name}: Pagefind failed: ${message}`);
    entry.pagefind = { error: (/Pagefind's build stopped[^\n]*/.exec(message)?.[0] ?? message).slice(0, 1000) };
    rmSync(bundle, { recursive: true, force: true });
  }

  log(`scale ${name}: ${runs} run(s) of cold and warm visits in Chromium`);
  const served = await startBenchServer({
    mounts: { '/': site, '/bench/': path.join(benchDir, 'pages'), '/pagefind/': bundle },
    ranges: true,
    cacheControl: 'public, max-age=31536000, immutable',
  });
  const errors = [];
  const t0 = nowMs();
  try {
    const ids = deepLinkIds(site);
    const measured = await measureVisits({ served, ids, coldQuery, warmQuery, runs, errors, pagefind: !entry.pagefind.error });
    entry.deepLinks = ids;
    entry.folio.visits = measured.folio;
    if (!entry.pagefind.error) entry.pagefind.visits = measured.pagefind;
  } finally {
    await served.close();
  }
  entry.visitsSec = (nowMs() - t0) / 1000;
  entry.browserErrors = [...new Set(errors)];
  entry.loadAfter = os.loadavg()[0];
  return entry;
}

/**
 * The whole phase: resolves to { coldQuery, warmQuery, runs, targets, sizes: [entry | { articles,
 * error }] }; `onSize` is called after each size (run.mjs checkpoints there).
 */
export async function measureScale({ sizes, runs, workDir, coldQuery = '数据', warmQuery = '统计 模型', onSize = () => {} }) {
  const out = { coldQuery, warmQuery, runs, targets: scaleTargets, sizes: [] };
  let pagefindFailedAt = null;
  for (const n of [...sizes].sort((a, b) => a - b)) {
    try {
      const entry = await measureSize(n, { workDir, runs, coldQuery, warmQuery, pagefindFailedAt });
      if (entry.pagefind?.error && pagefindFailedAt === null) pagefindFailedAt = n;
      out.sizes.push(entry);
    } catch (error) {
      log(`scale ${scaleName(n)} failed: ${error.message}`);
      out.sizes.push({ articles: n, name: scaleName(n), error: String(error.message ?? error).slice(0, 1000) });
    }
    onSize(out);
  }
  return out;
}
