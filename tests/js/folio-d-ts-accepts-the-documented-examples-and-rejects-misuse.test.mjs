// folio.d.ts is a contract (web/README.md): tsc --strict accepts web/README.md's examples written
// against it (tests/js/types/usage.ts), and rejects misuse at exactly the lines that misuse it,
// so the types are neither missing nor too loose. TypeScript is pinned in package.json.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sourceDir } from '../support/env.mjs';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// The lines tsc reports errors on, as { line: code }.
function errors(file) {
  const run = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022',
    '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', file], { encoding: 'utf8' });
  assert.equal(run.error, undefined);
  const found = {};
  for (const match of run.stdout.matchAll(/\((\d+),\d+\): error (TS\d+)/g)) found[match[1]] = match[2];
  assert.equal(run.status === 0, Object.keys(found).length === 0, run.stdout + run.stderr);
  return found;
}

test('the README\'s examples type-check under --strict', () => {
  assert.deepEqual(errors(path.join(sourceDir, 'tests/js/types/usage.ts')), {});
});

test('misuse is an error on each line that misuses the API', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'folio-types-'));
  try {
    const folio = JSON.stringify(path.join(sourceDir, 'web/folio.js'));
    const file = path.join(dir, 'misuse.ts');
    writeFileSync(file, [
      `import { createFolio, createFolioWorker } from ${folio};`,
      'export async function misuse() {',
      '  const folio = await createFolio({ corpusUrl: "corpus.json" });',
      '  folio.search(42);', // 4: a number is not a query
      '  folio.search("x", { sort: "oldest-first" });', // 5: not a sort order
      '  const worker = await createFolioWorker({ corpusUrl: "corpus.json", fetch });', // 6: no fetch in a worker
      '  const html: string = await worker.render("17254");', // 7: may be null
      '  const size: number = worker.size;', // 8: only a sharded site's worker has a size
      '  const viewer = document.querySelector("folio-viewer");',
      '  viewer?.folio?.nope();', // 10: no such method
      '  folio.indexSource = "built";', // 11: read-only
      '}',
      '',
    ].join('\n'));
    assert.deepEqual(Object.keys(errors(file)), ['4', '5', '6', '7', '8', '10', '11']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
