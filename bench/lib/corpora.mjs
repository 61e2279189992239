// The corpora a run measures: each is built into a folio site by the real CLI, and the articles
// folio loaded (ids, titles, bodies) become the documents every engine indexes, so all engines
// see exactly the same articles.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { synthesize } from '../synth.mjs';
import { normalize, visibleText, visibleTextVersion } from './text.mjs';
import { cliPath, ensureDir, listFiles, log, readJson, required, runOk, sha256, sharedDir, sourceDir, writeJson } from './util.mjs';

export const sharedCorpora = ['zh-yihui', 'zh-cosx', 'mixed-opentelemetry', 'en-18f', 'en-digitalgov', 'en-rust-blog-toml'];

/**
 * A corpus spec from its name: `sample` (assets/, the demo site), a shared corpus, or
 * `synth-<N>` / `synth-<N>k` (N synthetic Chinese articles, bench/synth.mjs).
 */
export function corpusSpec(name, workDir) {
  if (name === 'sample') {
    return { name, kind: 'sample', source: path.join(sourceDir, 'assets') };
  }
  const synth = /^synth-(\d+)(k?)$/.exec(name);
  if (synth) {
    const articles = Number(synth[1]) * (synth[2] ? 1000 : 1);
    return { name, kind: 'synthetic', articles, dir: path.join(workDir, 'corpora', name) };
  }
  if (sharedCorpora.includes(name) || existsSync(path.join(sharedDir, 'corpora', name))) {
    return {
      name,
      kind: 'shared',
      source: required(path.join(sharedDir, 'corpora', name), 'the shared corpora belong at ../shared'),
    };
  }
  throw new Error(`unknown corpus ${name} (sample, ${sharedCorpora.join(', ')}, synth-10k …)`);
}

/** Source folder of a corpus, synthesizing it first when needed. */
export function corpusSource(spec) {
  if (spec.kind !== 'synthetic') return { source: spec.source };
  const manifest = synthesize({ articles: spec.articles, out: spec.dir });
  return { source: path.join(spec.dir, manifest.src), manifest };
}

/** Builds the folio site of a corpus with the CLI; resolves to its paths and the build time. */
export async function buildSite(spec, workDir, { layout = 'single' } = {}) {
  const { source, manifest } = corpusSource(spec);
  const name = layout === 'single' ? spec.name : `${spec.name}-${layout}`;
  const site = path.join(workDir, 'sites', name);
  const report = path.join(workDir, 'sites', `${name}.report.json`);
  ensureDir(path.dirname(site));
  // The peers' benchmarks read corpus.json's articles: the single-file layout by default. The
  // load phase asks for `auto`, the site a user gets from `folio build` (sharded past 5,000
  // articles), which is what a reader's browser downloads.
  const result = await runOk(cliPath, ['build', source, '-o', site, '--report', report,
    '--layout', layout]);
  // The layout folio chose, from its own report: a data/ folder may be left from an earlier build.
  return { site, report, source, manifest, ms: result.ms, layout: readJson(report).layout ?? null };
}

/**
 * A built site's files by role: the runtime (folio.js, its worker and the WASM modules, loaded once
 * whatever the corpus), the viewer (index.html, app/, examples and docs), and the data `folio build` wrote for the
 * corpus (corpus.json, folio-index.bin, or a sharded layout's data/), which is what is measured.
 */
export function siteFiles(site) {
  const files = listFiles(site);
  const runtime = files.filter((f) => /^(folio\.js|folio-worker\.js|folio-(core|site|render)\.(js|wasm))$/.test(f));
  const viewer = files.filter((f) => f === 'index.html' || f.startsWith('app/') || f.startsWith('examples/') ||
    /\.(md|d\.ts)$/.test(f));
  const data = files.filter((f) => !runtime.includes(f) && !viewer.includes(f));
  return { runtime, viewer, data };
}

/**
 * The documents of a built site: `raw` as folio loaded them (for rendering), `docs` normalized
 * visible text (for searching and truth), and `key` (the text extractor's version and corpus.json's
 * hash), which keys the cache beside the site and the queries drawn from these documents.
 */
export function loadDocuments(site, cacheDir) {
  const corpusText = readFileSync(path.join(site, 'corpus.json'));
  const key = `${visibleTextVersion}:${sha256(corpusText)}`;
  const corpus = JSON.parse(corpusText.toString('utf8'));
  const raw = corpus.articles.map((a) => ({
    id: String(a.id),
    title: a.title ?? '',
    author: a.author ?? '',
    tags: Array.isArray(a.tags) ? a.tags.map(String) : [],
    date: a.date ?? '',
    markdown: a.markdown ?? '',
  }));
  const cacheFile = path.join(cacheDir, 'docs.json');
  if (existsSync(cacheFile)) {
    const cached = readJson(cacheFile);
    if (cached.key === key) return { raw, docs: cached.docs, key, corpusBytes: corpusText.length };
  }
  log(`extracting visible text of ${raw.length} articles`);
  const docs = raw.map((a) => ({
    id: a.id,
    title: normalize(a.title),
    // One line each: the author and every tag are fields of their own, which no phrase crosses.
    author: normalize([a.author, ...a.tags].filter(Boolean).join('\n')),
    text: normalize(visibleText(a.markdown)),
  }));
  writeJson(cacheFile, { key, docs });
  return { raw, docs, key, corpusBytes: corpusText.length };
}
