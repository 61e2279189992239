// Issue 8, bytes: folio.js starts downloading one of three WASM modules before it has read the
// corpus (firstModule): folio-core (everything) for one corpus.json or a wasmBinary, folio-site
// (a sharded site's search and rendering) for a sharded site, folio-render (rendering only) when
// a sharded site's first need is an article. What the browser then fetches is checked in
// tests/browser/a-deep-link-or-search-link-fetches-its-article-or-index-while-the-module-still-loads;
// this pins the choice for every combination an embedder can pass, and that every module the
// choice names is built, with the glue folio.js calls on it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadFolioModule, wasmDir } from '../support/env.mjs';

const { firstModule, preloadCore, FolioError } = await loadFolioModule();

test('the layout and the first need choose the module', () => {
  const article = { article: 'x' };
  assert.equal(firstModule({ layout: 'single' }), 'core');
  assert.equal(firstModule({ layout: 'single', prefetch: article }), 'core');
  assert.equal(firstModule({ layout: 'sharded' }), 'site');
  assert.equal(firstModule({ layout: 'sharded', prefetch: { list: true } }), 'site');
  assert.equal(firstModule({ layout: 'sharded', prefetch: { index: true } }), 'site');
  assert.equal(firstModule({ layout: 'sharded', prefetch: article }), 'render');
  // A wasmBinary is folio-core's bytes, whatever the layout.
  assert.equal(firstModule({ wasmBinary: new Uint8Array(8), layout: 'sharded', prefetch: article }), 'core');
  // No layout: folio-core serves both, except before an article, where the entry decides.
  assert.equal(firstModule({}), 'core');
  assert.equal(firstModule(), 'core');
  assert.equal(firstModule({ layout: 'other' }), 'core');
  assert.equal(firstModule({ prefetch: article }), null);
});

test('an unknown module is a usage error, not a request', async () => {
  await assert.rejects(preloadCore({ module: 'everything' }), (e) => e instanceof FolioError && e.code === 'usage');
});

// The glue each module has: what folio.js calls on it (Library: one corpus.json; ShardedLibrary:
// a sharded site's search; the render functions: every Folio's renderers).
test('each module is built with the glue folio.js calls on it', async () => {
  const has = {
    core: ['Library', 'ShardedLibrary', 'renderInput', 'inputBuffer', 'renderBatch', 'version'],
    site: ['ShardedLibrary', 'renderInput', 'inputBuffer', 'renderBatch', 'version'],
    render: ['renderInput', 'inputBuffer', 'renderBatch', 'version'],
  };
  const hasNot = { site: ['Library'], render: ['Library', 'ShardedLibrary'] };
  const versions = new Set();
  for (const [name, wanted] of Object.entries(has)) {
    const { default: create } = await import(path.join(wasmDir, `folio-${name}.js`));
    const module = await create({ wasmBinary: readFileSync(path.join(wasmDir, `folio-${name}.wasm`)) });
    for (const key of wanted) assert.equal(typeof module[key], 'function', `${name}: ${key}`);
    for (const key of hasNot[name] ?? []) assert.equal(module[key], undefined, `${name} has no ${key}`);
    versions.add(module.version());
  }
  assert.equal(versions.size, 1, 'one build: every module says the same version');
});
