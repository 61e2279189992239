// build/native/bin/folio: the site it writes, its --report, and its exit codes.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.mjs';
import { sourceDir } from '../support/env.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-cli-'));

test('build writes corpus.json, the shell and the WASM runtime, and reports sources as given', () => {
  const posts = path.join(work, 'posts');
  mkdirSync(posts);
  writeFileSync(path.join(posts, '2020-01-01-good.md'), '---\ntitle: 好文章\n---\n正文\n');
  writeFileSync(path.join(posts, 'broken.md'), '---\ntitle: [oops\n---\n');
  writeFileSync(path.join(posts, 'unclosed.md'), '---\ntitle: x\n');
  writeFileSync(path.join(posts, 'notes.txt'), 'not markdown, not read');
  const site = path.join(work, 'site');
  const report = path.join(work, 'report.json');
  const seed = path.join(sourceDir, 'assets/posts/000_d82bcb224086c429.md');
  const result = runCli(['build', posts, seed, '-o', site, '--report', report]);
  assert.equal(result.status, 0, result.stderr);
  for (const file of ['corpus.json', 'index.html', 'folio.js', 'folio-core.js', 'folio-core.wasm']) {
    assert.ok(existsSync(path.join(site, file)), file);
  }
  const corpus = JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8'));
  assert.equal(corpus.format, 'folio-corpus');
  assert.equal(corpus.version, 1);
  assert.deepEqual(corpus.articles.map((a) => a.id), ['good', '17254']);
  const seedEntry = corpus.articles[1];
  for (const key of ['id', 'title', 'author', 'date', 'url', 'markdown']) assert.ok(seedEntry[key], key);

  const r = JSON.parse(readFileSync(report, 'utf8'));
  assert.deepEqual(r.articles.map((a) => a.source), [`${posts}/2020-01-01-good.md`, seed]);
  assert.deepEqual(r.skipped.map((s) => [s.source, s.code]),
    [[`${posts}/broken.md`, 'front_matter.syntax'], [`${posts}/unclosed.md`, 'front_matter.unterminated']]);
  for (const s of r.skipped) {
    assert.ok(s.line >= 1 && s.column >= 1 && s.message, JSON.stringify(s));
    assert.match(result.stderr, new RegExp(`${s.source.replaceAll('/', '\\/')}:${s.line}:${s.column}: ${s.code}: `));
  }
});

test('build with no input is a usage error (exit 2)', () => {
  const result = runCli(['build', '-o', path.join(work, 'nothing')]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /no input/);
});

test('an unknown command or option is a usage error (exit 2)', () => {
  assert.equal(runCli(['frobnicate']).status, 2);
  assert.equal(runCli(['build', 'x', '-o', 'y', '--bogus']).status, 2);
  assert.equal(runCli(['search', 'site', 'q', '--limit', 'ten']).status, 2);
});

test('every command answers --help with exit 0', () => {
  for (const command of ['build', 'render', 'show', 'search']) {
    const result = runCli([command, '--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /usage: folio/);
  }
});

test('render - reads Markdown from stdin and escapes raw HTML', () => {
  const result = runCli(['render', '-'], { input: '# 标题\n\n<script>alert(1)</script>\n' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '<h1>标题</h1>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
});

test('show and search on a missing site fail with exit 1 and say why', () => {
  const missing = path.join(work, 'no-site');
  for (const args of [['show', missing, 'x'], ['search', missing, 'x']]) {
    const result = runCli(args);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /io\.unreadable/);
  }
});
