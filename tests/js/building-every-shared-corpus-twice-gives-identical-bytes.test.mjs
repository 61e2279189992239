// The same input gives byte-identical output: each shared corpus is built twice, once with one
// thread from a relative path and once with two threads from an absolute path into a folder of
// another name, and every file written (the site and its single-file form) is compared byte for
// byte. Fails (never skips) when ../shared/corpora is missing.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.mjs';
import { required, sharedDir, sourceDir } from '../support/env.mjs';

const corporaDir = required(path.join(sharedDir, 'corpora'),
  'the shared corpora are needed (../shared/corpora beside the clone, or FOLIO_SHARED_DIR)');
const corpora = readdirSync(corporaDir).filter((n) => statSync(path.join(corporaDir, n)).isDirectory()).sort();
const work = mkdtempSync(path.join(tmpdir(), 'folio-twice-'));

function files(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const name = prefix + entry.name;
    return entry.isDirectory() ? files(path.join(dir, entry.name), `${name}/`) : [name];
  }).sort();
}

test('there are six corpora to build', () => assert.ok(corpora.length >= 6, corpora.join(', ')));

for (const name of corpora) {
  test(`${name}: two builds, byte for byte the same`, () => {
    const dir = path.join(corporaDir, name);
    const first = path.join(work, `${name}-first`);
    const second = path.join(work, `${name}-second-build`);
    const a = runCli(['build', path.relative(process.cwd(), dir), '-o', first, '--jobs', '1', '--quiet',
      '--single-file', path.join(first, 'single', 'one.html')]);
    assert.equal(a.status, 0, a.stderr.slice(-2000));
    const b = runCli(['build', path.resolve(dir), '-o', second, '--jobs', '2', '--quiet',
      '--single-file', path.join(second, 'single', 'one.html')]);
    assert.equal(b.status, 0, b.stderr.slice(-2000));
    const written = files(first);
    assert.deepEqual(files(second), written);
    for (const file of ['corpus.json', 'folio-index.bin', 'index.html', 'single/one.html']) {
      assert.ok(written.includes(file), `${file} in ${written.join(', ')}`);
    }
    for (const file of written) {
      const one = readFileSync(path.join(first, file));
      const two = readFileSync(path.join(second, file));
      assert.ok(one.equals(two), `${name}: ${file} differs between the two builds`);
    }
    // Nothing in the output depends on where the build ran.
    for (const file of ['corpus.json', 'single/one.html']) {
      const text = readFileSync(path.join(first, file), 'utf8');
      for (const place of [sourceDir, sharedDir, path.resolve(sharedDir), work]) {
        assert.ok(!text.includes(place), `${file} mentions ${place}`);
      }
    }
    rmSync(first, { recursive: true });
    rmSync(second, { recursive: true });
  });
}
