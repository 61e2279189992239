// The WASM renderer writes the native renderer's bytes for every article of the shared corpora,
// through each way folio.js renders: renderMany (one call for all), renderMarkdown (one call per
// article) and render(id) (the article already in WASM). Native bytes come from
// build/native/bin/render_dump (tests/tools/render_dump.cc).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { loadFolioModule, required, sharedDir, sourceDir, wasmBinary } from '../support/env.mjs';

const corpora = ['zh-cosx', 'zh-yihui', 'en-18f', 'en-digitalgov', 'en-rust-blog-toml', 'mixed-opentelemetry'];
const renderDump = process.env.FOLIO_RENDER_DUMP ?? path.join(sourceDir, 'build/native/bin/render_dump');
const variants = {
  default: {},
  'cjk-base': { cjkEmphasis: true, baseUrl: 'https://example.com/posts/' },
};

const { createFolio } = await loadFolioModule();
const binary = wasmBinary();
const empty = await createFolio({ corpus: { format: 'folio-corpus', version: 1, articles: [] }, wasmBinary: binary });
const work = mkdtempSync(path.join(tmpdir(), 'folio-render-dump-'));
after(() => rmSync(work, { recursive: true, force: true }));

function nativeOutput(corpus) {
  const dir = required(path.join(sharedDir, 'corpora', corpus), 'the shared corpora belong at ../shared');
  const out = path.join(work, corpus);
  execFileSync(required(renderDump, 'build the native preset (make native)'), [out, dir]);
  const bodies = JSON.parse(readFileSync(path.join(out, 'bodies.json'), 'utf8'));
  const html = Object.fromEntries(Object.keys(variants).map((v) => [v, readFileSync(path.join(out, `${v}.html`))]));
  return { bodies, html };
}

// Equal bytes, or a message naming the first article that differs.
function assertSameBytes(wasmHtml, nativeBytes, bodies, what) {
  const wasmBytes = Buffer.from(wasmHtml.join('\0'));
  if (wasmBytes.equals(nativeBytes)) return;
  const native = nativeBytes.toString('utf8').split('\0');
  const i = wasmHtml.findIndex((html, n) => html !== native[n]);
  assert.fail(`${what}: ${bodies[i]?.source ?? `article ${i}`} differs:\n` +
    `native: ${JSON.stringify(native[i]).slice(0, 400)}\nwasm:   ${JSON.stringify(wasmHtml[i]).slice(0, 400)}`);
}

for (const corpus of corpora) {
  test(`${corpus}: every article renders to the native bytes in WASM`, () => {
    const { bodies, html } = nativeOutput(corpus);
    assert.ok(bodies.length > 100, `${corpus} has only ${bodies.length} articles`);
    const markdowns = bodies.map((b) => b.markdown);
    for (const [variant, options] of Object.entries(variants)) {
      assertSameBytes(empty.renderMany(markdowns, options), html[variant], bodies, `${variant}, renderMany`);
    }
    assertSameBytes(markdowns.map((m) => empty.renderMarkdown(m)), html.default, bodies, 'renderMarkdown');
  });
}

test('zh-yihui: render(id) of a loaded corpus gives the native bytes too', async () => {
  const { bodies, html } = nativeOutput('zh-yihui');
  const articles = bodies.map((b, i) => ({ id: String(i), title: b.source, markdown: b.markdown }));
  for (const [variant, options] of Object.entries(variants)) {
    const folio = await createFolio({ corpus: { format: 'folio-corpus', version: 1, articles }, wasmBinary: binary, render: options });
    assertSameBytes(articles.map((a) => folio.render(a.id)), html[variant], bodies, `${variant}, render(id)`);
    assertSameBytes(articles.map((a) => folio.renderArticle(a.id).html), html[variant], bodies, `${variant}, renderArticle(id)`);
    folio.close();
  }
});
