// Markdown renderers in Node, each over the same bodies (every article folio loaded):
//   node bench/lib/render-node-worker.mjs <job.json>
// job: { site, passes, out }. Writes { bytes, documents, renderers: { name: [ms per pass] } }.
// One untimed pass first (JIT, caches); each timed pass renders every body once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nowMs, readJson, writeJson } from './util.mjs';

const job = readJson(process.argv[2]);
const corpus = JSON.parse(readFileSync(path.join(job.site, 'corpus.json'), 'utf8'));
const articles = corpus.articles.map((a) => a.markdown ?? '');
// A pass renders at least 2 MB (a small corpus is repeated), so timer resolution and one-off
// pauses stay small beside it.
const repeat = Math.max(1, Math.ceil(2e6 / Math.max(1, articles.reduce((a, b) => a + Buffer.byteLength(b), 0))));
const bodies = Array.from({ length: repeat }, () => articles).flat();

// Each renderer in its default configuration, which is what a user of it gets: markdown-it's
// default preset (tables and strikethrough, raw HTML off), marked's default (GFM), commonmark.js
// (CommonMark only). folio renders CommonMark + GitHub tables, strikethrough, task lists and
// autolinks with raw HTML escaped. The same list runs in Chromium (bench/pages/render.js).
async function renderers(site) {
  const { createFolio } = await import(path.join(site, 'folio.js'));
  const folio = await createFolio({
    corpus: { format: 'folio-corpus', version: 1, articles: [] },
    wasmBinary: readFileSync(path.join(site, 'folio-core.wasm')),
  });
  const { default: MarkdownIt } = await import('markdown-it');
  const { marked } = await import('marked');
  const commonmark = await import('commonmark');
  const md = new MarkdownIt();
  const parser = new commonmark.Parser();
  const writer = new commonmark.HtmlRenderer();
  return {
    'folio-wasm': (s) => folio.renderMarkdown(s),
    'markdown-it': (s) => md.render(s),
    marked: (s) => marked.parse(s),
    commonmark: (s) => writer.render(parser.parse(s)),
  };
}

const list = Object.entries(await renderers(job.site));
const out = {
  bytes: bodies.reduce((a, b) => a + Buffer.byteLength(b), 0),
  documents: articles.length,
  repeat,
  renderers: Object.fromEntries(list.map(([name]) => [name, []])),
  outputChars: {},
};
for (const [name, render] of list) {
  out.outputChars[name] = bodies.reduce((a, b) => a + render(b).length, 0);
}
// Passes interleave the renderers (in a rotating order), so a change in the machine's load
// touches all of them alike and the per-pass ratios stay fair.
for (let p = 0; p < job.passes; p += 1) {
  for (let k = 0; k < list.length; k += 1) {
    const [name, render] = list[(p + k) % list.length];
    const t0 = nowMs();
    for (const b of bodies) render(b);
    out.renderers[name].push(nowMs() - t0);
  }
}
writeJson(job.out, out);
process.exit(0);
