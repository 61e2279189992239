// Paths the tests share, from the environment ctest sets (tests/CMakeLists.txt), with the
// defaults of a `make` build so a single file can also be run by hand with `node --test`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const sourceDir = process.env.FOLIO_SOURCE_DIR ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const wasmDir = process.env.FOLIO_WASM_DIR ?? path.join(sourceDir, 'build/wasm');
export const cli = process.env.FOLIO_CLI ?? path.join(sourceDir, 'build/native/bin/folio');
export const testSite = process.env.FOLIO_TEST_SITE ?? path.join(sourceDir, 'build/native/test-site');
export const sharedDir = process.env.FOLIO_SHARED_DIR ?? path.join(sourceDir, '../shared');
// Test artifacts for people to look at (the viewer's screenshots), beside the test site.
export const screenshotDir = process.env.FOLIO_SCREENSHOT_DIR ?? path.join(path.dirname(testSite), 'screenshots');

// A test that needs a file fails with a clear message; it never skips silently.
export function required(file, hint) {
  if (!existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
  return file;
}

export function wasmBinary() {
  return readFileSync(required(path.join(wasmDir, 'folio-core.wasm'), 'build the WASM preset (make wasm)'));
}

// folio.js from web/, importing the glue built in wasmDir: the same pair `folio build` copies
// into a site. Node cannot fetch the .wasm from a file URL (toolchain.md pitfall 2), so it is
// handed the bytes.
export async function loadFolioModule() {
  return import(path.join(required(testSite, 'run the site.build test first'), 'folio.js'));
}
