// On a terminal `folio build` draws a progress bar on stderr and ends with a summary; in a pipe
// (CI logs, scripts) there is no bar and no escape code, only the summary; --quiet prints
// nothing unless something is wrong. The terminal is a real pseudo-terminal (util-linux's
// `script`, in every Debian).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.mjs';
import { cli, required, sourceDir } from '../support/env.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-tty-'));
const assets = path.join(sourceDir, 'assets');

function onTerminal(args, env = {}) {
  const command = [required(cli, 'make native'), ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', COLUMNS: '100', NO_COLOR: '', ...env },
  });
  if (result.error) throw result.error;
  return result;
}

test('on a terminal: a progress bar redrawn in place, then the summary', () => {
  const result = onTerminal(['build', assets, '-o', path.join(work, 'tty')]);
  assert.equal(result.status, 0, result.stdout);
  const out = result.stdout;
  assert.match(out, /\r\x1b\[K/, 'the bar is redrawn in place');
  assert.match(out, /reading +[█▏▎▍▌▋▊▉░]+ +100% +7\/7/);
  // Writing counts its steps (the index and corpus.json, then the folder), never a time left.
  assert.match(out, /writing +░+ +0% +0\/2(\x1b\[0m)?\r/);
  assert.match(out, /writing +[█░]+ +50% +1\/2(\x1b\[0m)?\r/);
  assert.match(out, /\x1b\[1mfolio build: built 7 articles into .*tty\/ in [\d.]+ s\x1b\[0m/);
  for (const row of ['read', 'duplicates', 'wrote']) assert.match(out, new RegExp(`\\n  (\\x1b\\[2m)?${row} `));
  // What the screen shows: each line as its last carriage return left it.
  const screen = out.split(/\r?\n/).map((line) => line.split('\r').pop().replace(/\x1b\[K/g, ''));
  assert.ok(!screen.some((line) => /100%/.test(line)), 'the bar is gone once the summary is printed');
  assert.match(screen[0], /folio build: built 7 articles/);
});

test('NO_COLOR keeps the bar but drops the colours; an ASCII locale gets an ASCII bar', () => {
  const plain = onTerminal(['build', assets, '-o', path.join(work, 'nocolor')], { NO_COLOR: '1', LANG: 'C', LC_ALL: 'C' });
  assert.equal(plain.status, 0, plain.stdout);
  assert.match(plain.stdout, /reading +\[#+\] +100%/);
  assert.doesNotMatch(plain.stdout, /\x1b\[[0-9;]*m/);
});

test('in a pipe: no bar, no escape codes, the same summary', () => {
  const result = runCli(['build', assets, '-o', path.join(work, 'pipe')]);
  assert.equal(result.status, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /[\r\x1b]/);
  assert.match(result.stderr, /^folio build: built 7 articles into .*pipe\/ in [\d.]+ s\n  read +7 files, [\d.]+ [kM]?B, \d+ threads?\n/);
  assert.match(result.stderr, /\n  wrote +\d+ files, [\d.]+ [kM]?B: corpus\.json [\d.]+ [kM]?B, folio-index\.bin [\d.]+ [kM]?B, viewer [\d.]+ [kM]?B\n/);
});

test('--quiet on a terminal: no bar and no summary', () => {
  const result = onTerminal(['build', assets, '-o', path.join(work, 'quiet'), '--quiet']);
  assert.equal(result.status, 0);
  assert.equal(result.stdout, '');
});

test('--verbose names every file and the time of each stage', () => {
  const result = runCli(['build', assets, '-o', path.join(work, 'verbose'), '--verbose']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /reading .*assets as a folder site \(\.\/\)/);
  assert.match(result.stderr, /000_d82bcb224086c429\.md -> 17254\n/);
  assert.match(result.stderr, /\n  time +finding [\d.]+ s, reading [\d.]+ s, writing [\d.]+ s \(corpus\.json [\d.]+ s, search index [\d.]+ s\)\n/);
});
