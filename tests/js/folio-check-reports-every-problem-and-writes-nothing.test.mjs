// `folio check`: the build's diagnostics without writing anything; errors fail it, and --strict
// makes warnings fatal too.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli, writeTree } from '../support/cli.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-check-'));
const clean = writeTree(path.join(work, 'clean'), { 'a.md': '---\ntitle: A\ndate: 2020-01-01\n---\nText.\n' });
const warned = writeTree(path.join(work, 'warned'), {
  'a.md': '---\ntitle: A\ndate: 2013-02-30\n---\nText.\n',
});
const broken = writeTree(path.join(work, 'broken'), {
  'a.md': '---\ntitle: A\n---\nText.\n',
  'b.md': '---\ntitle: [oops\n---\n',
});

test('a clean folder checks with exit 0, and nothing is written', () => {
  const before = readdirSync(work).sort();
  const result = runCli(['check', clean]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /checked 1 article/);
  assert.deepEqual(readdirSync(work).sort(), before);
  assert.deepEqual(readdirSync(clean), ['a.md']);
});

test('warnings are printed and pass; with --strict they fail', () => {
  const result = runCli(['check', warned]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /a\.md:3:7: front_matter\.date_invalid: /);
  const strict = runCli(['check', warned, '--strict']);
  assert.equal(strict.status, 1);
  assert.match(strict.stderr, /--strict: 0 errors and 1 warning make this check fail/);
});

test('an error in the input fails the check (exit 1), and --report lists it', () => {
  const report = path.join(work, 'report.json');
  const result = runCli(['check', broken, '--report', report]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /b\.md:\d+:\d+: front_matter\.syntax: /);
  const r = JSON.parse(readFileSync(report, 'utf8'));
  assert.deepEqual(r.skipped.map((s) => path.basename(s.source)), ['b.md']);
  assert.equal(r.counts.articles, 1);
  assert.equal(r.written, undefined, 'check writes no site');
  assert.ok(!existsSync(path.join(broken, 'corpus.json')));
});

test('check takes no output options and needs an input', () => {
  assert.equal(runCli(['check', clean, '-o', path.join(work, 'site')]).status, 2);
  assert.equal(runCli(['check']).status, 2);
});
