// A sharded site (src/site/FORMAT.md) built by the native CLI in a fresh temp folder, with readers
// of its files: what the tests that drive the viewer or folio.js over such a site check against.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { runCli } from './cli.mjs';

/**
 * Builds `source` with `folio build --layout sharded` (plus `args`) into `<temp>/site`.
 * Returns { root, entry, manifest, readData(name), remove() }: readData inflates and parses one
 * data/ file; remove() deletes the temp folder.
 */
export function buildShardedSite(source, { prefix = 'folio-sharded-', args = [] } = {}) {
  const work = mkdtempSync(path.join(tmpdir(), prefix));
  const root = path.join(work, 'site');
  const built = runCli(['build', source, '-o', root, '--layout', 'sharded', ...args]);
  assert.equal(built.status, 0, built.stderr);
  const readData = (name) => JSON.parse(inflateSync(readFileSync(path.join(root, 'data', name))).toString('utf8'));
  const entry = JSON.parse(readFileSync(path.join(root, 'corpus.json'), 'utf8'));
  return {
    root,
    entry,
    manifest: readData(entry.manifest),
    readData,
    remove: () => rmSync(work, { recursive: true, force: true }),
  };
}
