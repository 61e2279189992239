#!/usr/bin/env node
// The benchmark harness: `make bench` runs it; bench/README.md explains every figure.
//
//   node bench/run.mjs                 every benchmark, every corpus; writes bench/REPORT.md,
//                                      bench/results.json and bench/chart.svg
//   node bench/run.mjs --smoke         a tiny corpus, one pass of everything, in seconds; checks
//                                      the report's shape (ctest: bench.smoke)
//   options: --corpora a,b  --engines a,b  --only search,render,load,scale  --passes N  --builds N
//            --per-kind N  --load-runs N  --budget SECONDS  --out DIR
//            --scale-sizes 10000,100000,300000   (issue 8's scale phase: sharded folio and
//                                          Pagefind on synth-N, in Chromium; these by default)
//            --scale-runs N               (cold/warm visits per size, 3 by default)
//            --report-from results.json   (rewrite REPORT.md and chart.svg beside it; measures nothing)
//            --merge-from a.json,b.json   (keep other runs' corpora this run did not measure, each
//                                          marked with the run it came from; with --report-from,
//                                          merges without measuring and writes to --out)
//            --note TEXT                  (a line at the top of REPORT.md: how the run was made)
// A run with a narrowed selection writes to build/bench/custom unless --out says otherwise, so
// the committed report always comes from a complete run.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { chartSvg } from './lib/chart.mjs';
import { buildSite, corpusSpec, loadDocuments, siteFiles } from './lib/corpora.mjs';
import { nodeEngines } from './lib/engines.mjs';
import { measureLoad } from './lib/load.mjs';
import { buildPagefind, fragmentIds, majorityLanguage, pagefindBytes } from './lib/pagefind.mjs';
import { drawQueries, queryKinds } from './lib/queries.mjs';
import { writeReport } from './lib/report.mjs';
import { accuracy, latency } from './lib/score.mjs';
import { measureScale, parseSizes, scaleName } from './lib/scale.mjs';
import { searchInBrowser } from './lib/search-browser.mjs';
import { validateReport, validateResults } from './lib/validate.mjs';
import {
  benchDir, cliPath, ensureDir, filesSize, listFiles, log, nativeBenchPath, nowMs, packageVersion,
  readJson, required, run, runOk, sha256, sourceDir, summarize, writeJson,
} from './lib/util.mjs';

const fullDefaults = {
  search: ['en-18f', 'zh-cosx', 'en-rust-blog-toml', 'zh-yihui', 'mixed-opentelemetry', 'en-digitalgov', 'synth-10k', 'synth-50k'],
  render: ['zh-yihui', 'zh-cosx', 'mixed-opentelemetry', 'en-18f', 'en-digitalgov', 'synth-10k'],
  load: ['sample', 'synth-10k'],
  perKind: 10,
  passes: 5,
  builds: 3,
  renderPasses: 5,
  loadRuns: 5,
  limit: 20,
  budgetSec: 300,
  loadQuery: { sample: '微信', default: '数据' },
  scaleSizes: [10000, 100000, 300000],
  scaleRuns: 3,
};
const smokeDefaults = {
  ...fullDefaults,
  search: ['sample', 'synth-60'],
  render: ['sample'],
  load: ['sample'],
  perKind: 2,
  passes: 1,
  builds: 1,
  renderPasses: 1,
  loadRuns: 1,
  // A few hundred articles, still built --layout sharded: the phase's every step, in seconds.
  scaleSizes: [300],
  scaleRuns: 1,
};
const allPhases = ['search', 'render', 'load', 'scale'];
const allEngines = ['folio-native', 'folio-wasm', 'folio-chromium', ...nodeEngines.slice(1).map((e) => e.name), 'pagefind'];

function parseArgs(argv) {
  const args = { smoke: false, narrowed: false };
  for (let i = 0; i < argv.length; i += 1) {
    const [key, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    const list = () => value().split(',').filter(Boolean);
    switch (key) {
      case '--smoke': args.smoke = true; break;
      case '--corpora': args.corpora = list(); args.narrowed = true; break;
      case '--engines': args.engines = list(); args.narrowed = true; break;
      case '--only': args.only = list(); args.narrowed = true; break;
      case '--passes': args.passes = Number(value()); break;
      case '--builds': args.builds = Number(value()); break;
      case '--per-kind': args.perKind = Number(value()); args.narrowed = true; break;
      case '--load-runs': args.loadRuns = Number(value()); break;
      case '--scale-sizes': args.scaleSizes = parseSizes(list()); break;
      case '--scale-runs': args.scaleRuns = Number(value()); break;
      case '--budget': args.budgetSec = Number(value()); break;
      case '--out': args.out = value(); break;
      case '--report-from': args.reportFrom = value(); break;
      case '--merge-from': args.mergeFrom = value(); break;
      case '--note': args.note = value(); break;
      case '-h': case '--help':
        process.stdout.write(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 17).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
        process.exit(0);
        break;
      default: throw new Error(`bench: unknown option ${argv[i]} (try --help)`);
    }
  }
  for (const p of args.only ?? []) {
    if (!allPhases.includes(p)) throw new Error(`bench: unknown phase ${p} (${allPhases.join(', ')})`);
  }
  for (const e of args.engines ?? []) {
    if (!allEngines.includes(e)) throw new Error(`bench: unknown engine ${e} (${allEngines.join(', ')})`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const base = args.smoke ? smokeDefaults : fullDefaults;
const settings = {
  ...base,
  ...Object.fromEntries(['perKind', 'passes', 'builds', 'loadRuns', 'budgetSec', 'scaleSizes', 'scaleRuns'].filter((k) => args[k] !== undefined).map((k) => [k, args[k]])),
};
if (args.passes !== undefined) settings.renderPasses = args.passes;
const phases = args.only ?? allPhases;
if (args.corpora) {
  settings.search = args.corpora;
  settings.render = args.corpora;
  settings.load = args.corpora;
}
const engines = args.engines ?? allEngines;
const outDir = path.resolve(args.out ?? (args.smoke ? path.join(sourceDir, 'build/bench/smoke')
  : args.narrowed ? path.join(sourceDir, 'build/bench/custom') : benchDir));
const workDir = ensureDir(path.join(sourceDir, 'build/bench', args.smoke ? 'smoke-work' : 'work'));

// --- the machine and the versions ----------------------------------------------------------------

const loadSamples = [];
function sampleLoad(label) {
  const [one, five] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number);
  loadSamples.push({ at: new Date().toISOString(), label, one, five });
}

function tryText(command, argv) {
  try {
    return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  const osRelease = tryText('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']);
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: osRelease,
    kernel: os.release(),
    node: process.version,
    chromium: tryText(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'])?.split('\n').pop() ?? null,
    emscripten: readFileSync(path.join(sourceDir, 'emsdk-version.txt'), 'utf8').trim(),
  };
}

function versions() {
  const packages = {};
  for (const name of ['flexsearch', 'minisearch', 'lunr', 'lunr-languages', 'pagefind', '@pagefind/linux-x64',
    'markdown-it', 'marked', 'commonmark']) {
    packages[name] = packageVersion(name);
  }
  const root = readJson(path.join(sourceDir, 'node_modules/playwright-core/package.json'));
  packages['playwright-core'] = root.version;
  const commit = tryText('git', ['-C', sourceDir, 'rev-parse', '--short=12', 'HEAD']);
  const dirty = tryText('git', ['-C', sourceDir, 'status', '--porcelain', '--untracked-files=no']);
  return {
    folio: tryText(cliPath, ['--version']),
    commit: commit ? `${commit}${dirty ? ' (with uncommitted changes)' : ''}` : null,
    packages,
  };
}

// --- search ------------------------------------------------------------------------------------

const buildRates = {}; // engine -> ms of build per MB of visible text, from the corpora it ran on
const heapRates = {}; // engine -> bytes of heap per MB of visible text
const heapBudget = 8 * 2 ** 30;

function plan(engine, textMB) {
  const rate = buildRates[engine];
  if (rate === undefined) return { builds: settings.builds };
  const estimate = (rate * textMB) / 1000;
  if (estimate > settings.budgetSec) {
    return { skip: `not run: one build would take about ${Math.round(estimate)} s (rate on the smaller corpora), over the ${settings.budgetSec} s budget (--budget)` };
  }
  const heap = (heapRates[engine] ?? 0) * textMB;
  if (heap > heapBudget) {
    return { skip: `not run: its index would need about ${Math.round(heap / 2 ** 30)} GiB of heap (rate on the smaller corpora), over ${heapBudget / 2 ** 30} GiB` };
  }
  return { builds: estimate > 30 ? 1 : settings.builds };
}

function noteRate(engine, buildMs, textMB, heapBytes) {
  if (!buildMs.length || textMB < 0.5) return;
  buildRates[engine] = Math.max(buildRates[engine] ?? 0, Math.min(...buildMs) / textMB);
  if (heapBytes > 0) heapRates[engine] = Math.max(heapRates[engine] ?? 0, heapBytes / textMB);
}

// folio's passes with snippets (what its search box shows) are kept apart from the like-for-like
// passes without them; indexSource says whether folio-index.bin was used ('file') or rebuilt.
function scoreEngine(queries, raw) {
  const withSnippets = raw.passesSnippets ?? raw.passes_snippets;
  const fromFile = raw.index_from_file ?? undefined;
  return {
    accuracy: accuracy(queries, raw.results, queryKinds),
    latency: latency(queries, raw.passes, queryKinds),
    ...(withSnippets ? { latencySnippets: latency(queries, withSnippets, queryKinds) } : {}),
    ...(raw.indexSource ? { indexSource: raw.indexSource } : fromFile === undefined ? {} : { indexSource: fromFile ? 'file' : 'built' }),
  };
}

async function runNodeEngine(name, job, timeoutSec) {
  const jobFile = path.join(job.dir, `${name}.job.json`);
  const out = path.join(job.dir, `${name}.out.json`);
  writeJson(jobFile, { ...job, engine: name, out });
  const result = await run(process.execPath, ['--expose-gc', '--max-old-space-size=12288',
    path.join(benchDir, 'lib/search-node-worker.mjs'), jobFile], { timeoutMs: timeoutSec * 1000 });
  if (result.status !== 0) {
    const lines = result.stderr.trim().split('\n');
    const message = lines.find((l) => /^\w*Error\b|^Error:|FATAL|out of memory/i.test(l.trim())) ?? lines.slice(-3).join(' ');
    // SIGKILL is our timeout; another signal came from outside (a session's clock, the OOM killer).
    const why = result.signal === 'SIGKILL' ? `timed out after ${timeoutSec} s`
      : result.signal ? `killed by ${result.signal} from outside the harness` : message.trim();
    throw new Error(why || `exited ${result.status}`);
  }
  return readJson(out);
}

function siteBytes(site) {
  const { runtime, data } = siteFiles(site);
  return { data: filesSize(site, data), runtime: filesSize(site, runtime), dataFiles: data };
}

function runtimeBytes(engine) {
  if (!engine.runtimeFiles) return null;
  return filesSize(path.join(benchDir, 'node_modules'), engine.runtimeFiles);
}

async function searchCorpus(name, corpus, browserRef) {
  const { site, docs, textMB } = corpus;
  const dir = ensureDir(path.join(workDir, 'search', name));
  const queriesFile = path.join(dir, 'queries.json');
  const key = sha256(`${corpus.docsKey}|${settings.perKind}|v2`); // v2: issue 5's truth (queries.mjs)
  let queries;
  try {
    const cached = readJson(queriesFile);
    if (cached.key === key) queries = cached.queries;
  } catch { /* not cached yet */ }
  if (!queries) {
    log(`${name}: drawing ${settings.perKind} queries per kind and their truth`);
    queries = drawQueries(docs, { corpus: name, perKind: settings.perKind });
    writeJson(queriesFile, { key, queries });
  }
  const queryTextFile = path.join(dir, 'query-texts.json');
  writeJson(queryTextFile, queries.map((q) => ({ text: q.text })));
  const docsFile = path.join(dir, 'docs.json');
  writeJson(docsFile, { docs });
  const out = {
    articles: docs.length,
    queries: queries.map((q) => ({ kind: q.kind, text: q.text, truth: q.truth.length })),
    kindsMissing: queryKinds.filter((k) => !queries.some((q) => q.kind === k)),
    engines: {},
  };
  const record = (engine, label, where, fn) => ({ engine, label, where, fn });
  const tasks = [];
  const job = { site, docsFile, queriesFile, passes: settings.passes, limit: settings.limit, dir };
  const { data, runtime } = siteBytes(site);

  if (engines.includes('folio-native')) {
    tasks.push(record('folio-native', 'folio (native)', 'native', async () => {
      const p = plan('folio-native', textMB);
      if (p.skip) return { skipped: p.skip };
      const res = await runOk(nativeBenchPath, ['search', site, queryTextFile, String(p.builds), String(settings.passes), String(settings.limit)]);
      const raw = JSON.parse(res.stdout);
      noteRate('folio-native', raw.build, textMB);
      return { load: summarize(raw.build), siteBuild: corpus.siteBuild, peakRssBytes: raw.peak_rss_kb * 1024, indexBytes: data, runtimeBytes: null, ...scoreEngine(queries, raw) };
    }));
  }
  for (const engine of nodeEngines) {
    if (!engines.includes(engine.name)) continue;
    tasks.push(record(engine.name, engine.label, 'node', async () => {
      const p = plan(engine.name, textMB);
      if (p.skip) return { skipped: p.skip };
      const raw = await runNodeEngine(engine.name, { ...job, builds: p.builds }, Math.max(120, settings.budgetSec * (p.builds + 2)));
      noteRate(engine.name, raw.build, textMB, raw.heapBytes);
      const isFolio = engine.name === 'folio-wasm';
      return {
        [isFolio ? 'load' : 'build']: summarize(raw.build),
        heapBytes: raw.heapBytes,
        indexBytes: isFolio ? data : raw.indexBytes,
        runtimeBytes: isFolio ? runtime : runtimeBytes(engine),
        ...scoreEngine(queries, raw),
      };
    }));
  }
  let bundle = null;
  if (engines.includes('pagefind')) {
    tasks.push(record('pagefind', 'Pagefind 1.6 (Chromium, its pagefind.js)', 'chromium', async () => {
      const p = plan('pagefind', textMB);
      if (p.skip) return { skipped: p.skip };
      const dirOut = path.join(workDir, 'pagefind', name);
      const builds = [];
      for (let b = 0; b < p.builds; b += 1) builds.push(await buildPagefind(docs, dirOut));
      noteRate('pagefind', builds, textMB);
      bundle = dirOut;
      const bytes = pagefindBytes(dirOut);
      const browser = await browserRef();
      const raw = await searchInBrowser(browser, {
        engine: 'pagefind', bundle: dirOut, lang: majorityLanguage(docs), queries, passes: settings.passes,
        limit: settings.limit, maxHits: docs.length, fragmentMap: fragmentIds(dirOut), inits: settings.builds,
      });
      return {
        build: summarize(builds), load: summarize(raw.init), indexBytes: bytes.index, runtimeBytes: bytes.runtime,
        fragmentFiles: listFiles(path.join(dirOut, 'fragment')).length, ...scoreEngine(queries, raw),
        coldLatency: latency(queries, [raw.cold], queryKinds).all, isolated: raw.isolated,
      };
    }));
  }
  if (engines.includes('folio-chromium')) {
    tasks.push(record('folio-chromium', 'folio (WASM, Chromium)', 'chromium', async () => {
      const p = plan('folio-wasm', textMB);
      if (p.skip) return { skipped: p.skip };
      const browser = await browserRef();
      const raw = await searchInBrowser(browser, {
        engine: 'folio', site, queries, passes: settings.passes, limit: settings.limit, maxHits: docs.length, inits: p.builds,
      });
      return {
        load: summarize(raw.init), indexBytes: data, runtimeBytes: runtime, ...scoreEngine(queries, raw),
        coldLatency: latency(queries, [raw.cold], queryKinds).all, isolated: raw.isolated,
      };
    }));
  }
  const order = ['folio-native', 'folio-wasm', 'folio-chromium', ...nodeEngines.slice(1).map((e) => e.name), 'pagefind'];
  tasks.sort((a, b) => order.indexOf(a.engine) - order.indexOf(b.engine));
  for (const task of tasks) {
    log(`${name}: ${task.engine}`);
    const t0 = nowMs();
    let entry;
    try {
      entry = await task.fn();
    } catch (error) {
      log(`${name}: ${task.engine} failed: ${error.message}`);
      entry = { error: String(error.message ?? error).slice(0, 500) };
    }
    out.engines[task.engine] = { label: task.label, where: task.where, wallSec: (nowMs() - t0) / 1000, ...entry };
  }
  sampleLoad(`search ${name}`);
  return { result: out, bundle };
}

// --- render ------------------------------------------------------------------------------------

function rendererSummary(raw, bytes) {
  const out = {};
  const names = Object.keys(raw);
  for (const name of names) {
    out[name] = { mbps: summarize(raw[name].map((ms) => bytes / 1e6 / (ms / 1000))) };
  }
  // Ratios per pass (the renderers alternate inside a pass), then their median.
  for (const name of names) {
    if (!raw['markdown-it'] || name === 'markdown-it') continue;
    out[name].vsMarkdownIt = summarize(raw[name].map((ms, i) => raw['markdown-it'][i] / ms));
  }
  return out;
}

async function renderCorpus(name, corpus, browserRef) {
  const { site } = corpus;
  const dir = ensureDir(path.join(workDir, 'render', name));
  const out = { documents: null, bytes: null };
  try {
    const jobFile = path.join(dir, 'job.json');
    writeJson(jobFile, { site, passes: settings.renderPasses, out: path.join(dir, 'node.json') });
    await runOk(process.execPath, [path.join(benchDir, 'lib/render-node-worker.mjs'), jobFile]);
    const raw = readJson(path.join(dir, 'node.json'));
    Object.assign(out, { documents: raw.documents, bytes: raw.bytes, node: rendererSummary(raw.renderers, raw.bytes) });
  } catch (error) {
    out.node = { error: error.message };
  }
  try {
    const res = await runOk(nativeBenchPath, ['render', site, String(settings.renderPasses)]);
    const raw = JSON.parse(res.stdout);
    out.native = { 'folio-native': { mbps: summarize(raw.passes.map((ms) => raw.bytes / 1e6 / (ms / 1000))) } };
  } catch (error) {
    out.native = { error: error.message };
  }
  try {
    const browser = await browserRef();
    const { startBenchServer } = await import('./lib/server.mjs');
    const server = await startBenchServer({
      mounts: { '/bench/': path.join(benchDir, 'pages'), '/site/': site, '/modules/': path.join(benchDir, 'node_modules') },
    });
    const page = await browser.context.newPage();
    try {
      await page.goto(`${server.url}/bench/render.html`);
      await page.waitForFunction(() => window.bench !== undefined);
      const raw = await page.evaluate((p) => window.bench.run(p), settings.renderPasses);
      out.chromium = rendererSummary(raw.renderers, raw.bytes);
    } finally {
      await page.close();
      await server.close();
    }
  } catch (error) {
    out.chromium = { error: error.message };
  }
  sampleLoad(`render ${name}`);
  return out;
}

// A run interrupted (or outrun by a session's clock) still leaves what it measured, with a report:
// build/bench/work/partial/ (`partial: true` in results.json, stated at the top of REPORT.md).
function checkpoint(results, t0) {
  results.partial = true;
  results.durationSec = Math.round((nowMs() - t0) / 1000);
  results.loadavg = loadSamples;
  try {
    writeOutputs(path.join(workDir, 'partial'), results);
  } catch (error) {
    log(`checkpoint failed: ${error.message}`);
  }
}

// The options as typed, without --note's text (REPORT.md prints the note itself).
function commandLine(argv) {
  const shown = argv.filter((a, i) => !a.startsWith('--note') && !(i > 0 && argv[i - 1] === '--note'));
  return `node bench/run.mjs ${shown.map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')}`.trim();
}

// An earlier run's figures for the corpora this run did not measure (a long corpus measured once,
// a quick run of the rest on newer code): each entry keeps a `provenance` naming its run, and the
// report marks it, so no ratio ever mixes two runs.
function mergeEarlier(results, earlier, file) {
  const ones = (earlier.loadavg ?? []).map((l) => l.one);
  const provenance = {
    file: path.basename(file),
    command: earlier.command,
    commit: earlier.versions?.commit ?? null,
    started: earlier.started,
    load: ones.length ? [Math.min(...ones), Math.max(...ones)] : null,
  };
  let merged = 0;
  for (const phase of ['search', 'render', 'load']) {
    for (const [name, entry] of Object.entries(earlier[phase] ?? {})) {
      if (results[phase][name]) continue;
      results[phase][name] = { ...entry, provenance: entry.provenance ?? provenance };
      merged += 1;
      if (!results.corpora[name] && earlier.corpora?.[name]) {
        results.corpora[name] = { ...earlier.corpora[name], provenance: earlier.corpora[name].provenance ?? provenance };
      }
    }
  }
  if (!results.scale && earlier.scale) {
    results.scale = { ...earlier.scale, provenance: earlier.scale.provenance ?? provenance };
    merged += 1;
  }
  if (merged) results.merged = [...(results.merged ?? []), ...(earlier.merged ?? []), provenance];
  log(`merged ${merged} section(s) from ${file}`);
}

function mergeAll(results) {
  for (const file of (args.mergeFrom ?? '').split(',').filter(Boolean)) {
    mergeEarlier(results, readJson(path.resolve(file)), file);
  }
}

// --- main --------------------------------------------------------------------------------------

function writeOutputs(dir, results) {
  ensureDir(dir);
  writeJson(path.join(dir, 'results.json'), results);
  writeFileSync(path.join(dir, 'chart.svg'), chartSvg(results));
  writeReport(path.join(dir, 'REPORT.md'), results);
}

async function main() {
  if (args.reportFrom) {
    const file = path.resolve(args.reportFrom);
    const results = readJson(file);
    if (args.note) results.note = args.note;
    if (!args.mergeFrom) {
      writeFileSync(path.join(path.dirname(file), 'chart.svg'), chartSvg(results));
      writeReport(path.join(path.dirname(file), 'REPORT.md'), results);
      return;
    }
    mergeAll(results);
    writeOutputs(path.resolve(args.out ?? path.dirname(file)), results);
    return;
  }
  const started = new Date();
  const t0 = nowMs();
  sampleLoad('start');
  required(cliPath, 'make native');
  required(nativeBenchPath, 'make native (folio-bench is part of the native build)');
  required(path.join(benchDir, 'node_modules/pagefind/package.json'), 'make setup (npm ci in bench/)');

  const results = {
    schema: 1,
    mode: args.smoke ? 'smoke' : args.narrowed ? 'custom' : 'full',
    command: commandLine(process.argv.slice(2)),
    ...(args.note ? { note: args.note } : {}),
    started: started.toISOString(),
    machine: machine(),
    versions: versions(),
    settings: { ...settings, engines, phases },
    corpora: {},
    search: {},
    render: {},
    load: {},
    ...(phases.includes('scale') ? { scale: null } : {}),
  };

  let browser = null;
  const browserRef = async () => {
    if (!browser) browser = await launchBrowser();
    return browser;
  };

  const wanted = [...new Set([
    ...(phases.includes('search') ? settings.search : []),
    ...(phases.includes('render') ? settings.render : []),
    ...(phases.includes('load') ? settings.load : []),
  ])];
  const prepared = {};
  for (const name of wanted) {
    log(`${name}: building the folio site`);
    const spec = corpusSpec(name, workDir);
    // The build is timed several times only where the search tables report it, and once when
    // one build takes over 30 s (as for the peers' builds).
    const repeat = phases.includes('search') && settings.search.includes(name) ? settings.builds : 1;
    const builds = [];
    let built;
    for (let b = 0; b < repeat && !(b > 0 && builds[0] > 30000); b += 1) {
      built = await buildSite(spec, workDir);
      builds.push(built.ms);
    }
    const report = readJson(built.report);
    const { raw, docs, key: docsKey } = loadDocuments(built.site, path.join(workDir, 'cache', name));
    const textBytes = docs.reduce((a, d) => a + Buffer.byteLength(d.text) + Buffer.byteLength(d.title), 0);
    prepared[name] = {
      site: built.site,
      docs,
      docsKey,
      textMB: textBytes / 1e6,
      siteBuild: summarize(builds),
    };
    results.corpora[name] = {
      kind: spec.kind,
      articles: raw.length,
      skipped: report.skipped.length,
      markdownBytes: raw.reduce((a, r) => a + Buffer.byteLength(r.markdown), 0),
      visibleTextBytes: textBytes,
      siteBuild: summarize(builds),
      ...(built.manifest ? { synthetic: built.manifest } : {}),
    };
  }
  sampleLoad('corpora ready');

  const bundles = {};
  try {
    if (phases.includes('search')) {
      const order = [...settings.search].sort((a, b) => prepared[a].textMB - prepared[b].textMB);
      for (const name of order) {
        const { result, bundle } = await searchCorpus(name, prepared[name], browserRef);
        results.search[name] = result;
        if (bundle) bundles[name] = bundle;
        checkpoint(results, t0);
      }
    }
    if (phases.includes('render')) {
      for (const name of settings.render) {
        log(`${name}: render`);
        results.render[name] = await renderCorpus(name, prepared[name], browserRef);
        checkpoint(results, t0);
      }
    }
    if (phases.includes('load')) {
      for (const name of settings.load) {
        log(`${name}: load in Chromium`);
        const browserNow = await browserRef();
        const query = settings.loadQuery[name] ?? settings.loadQuery.default;
        const entry = { query };
        try {
          // The site as `folio build` lays it out by default: a reader of synth-10k gets the
          // sharded layout, not the single corpus.json the search phase reads.
          const built = await buildSite(corpusSpec(name, workDir), workDir, { layout: 'auto' });
          entry.layout = built.layout;
          entry.folio = await measureLoad(browserNow, { engine: 'folio', site: built.site, query, runs: settings.loadRuns });
        } catch (error) {
          entry.folio = { error: error.message };
        }
        try {
          let bundle = bundles[name];
          if (!bundle) {
            bundle = path.join(workDir, 'pagefind', name);
            await buildPagefind(prepared[name].docs, bundle);
          }
          entry.pagefind = await measureLoad(browserNow, { engine: 'pagefind', bundle, query, runs: settings.loadRuns });
        } catch (error) {
          entry.pagefind = { error: error.message };
        }
        results.load[name] = entry;
        sampleLoad(`load ${name}`);
        checkpoint(results, t0);
      }
    }
    results.browserErrors = browser ? browser.errors : [];
  } finally {
    if (browser) await browser.close();
  }
  // Issue 8's scale phase: its own browsers (a fresh profile per cold visit) and server.
  if (phases.includes('scale')) {
    await measureScale({
      sizes: settings.scaleSizes,
      runs: settings.scaleRuns,
      workDir,
      coldQuery: settings.loadQuery.default,
      onSize: (scale) => {
        results.scale = scale;
        sampleLoad(`scale ${scaleName(scale.sizes.at(-1).articles)}`);
        checkpoint(results, t0);
      },
    });
  }

  results.finished = new Date().toISOString();
  results.durationSec = Math.round((nowMs() - t0) / 1000);
  results.loadavg = loadSamples;
  delete results.partial;
  mergeAll(results);
  writeOutputs(outDir, results);
  const problems = [...validateResults(results, { strict: args.smoke }),
    ...validateReport(readFileSync(path.join(outDir, 'REPORT.md'), 'utf8'), results)];
  log(`wrote ${path.relative(process.cwd(), path.join(outDir, 'REPORT.md'))} in ${results.durationSec} s`);
  if (problems.length) {
    console.error(`bench: the report is incomplete:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
