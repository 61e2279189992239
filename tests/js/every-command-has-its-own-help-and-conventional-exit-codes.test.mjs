// Every command explains itself with --help (exit 0); exit codes are 0 ok, 1 a problem with the
// input, 2 a usage error; `folio show --json` gives the article's metadata with its HTML.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.mjs';
import { loadFolioModule, sourceDir, testSite, wasmBinary } from '../support/env.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-help-'));

test('each command has its own help, with its options and examples', () => {
  const options = {
    build: ['--single-file', '--title', '--lang', '--timezone', '--base-url', '--cjk-emphasis', '--drafts', '--list-pages', '--config', '--jobs', '--quiet', '--verbose', '--strict', '--report'],
    check: ['--strict', '--report', '--timezone', '--drafts'],
    search: ['--json', '--limit', '--offset', '--sort', '--prefix', '--no-snippets'],
    show: ['--json'],
    render: ['--trusted', '--commonmark', '--base-url', '--json'],
  };
  for (const [command, flags] of Object.entries(options)) {
    for (const ask of [[command, '--help'], [command, '-h'], ['help', command]]) {
      const result = runCli(ask);
      assert.equal(result.status, 0, ask.join(' '));
      assert.match(result.stdout, new RegExp(`^usage: folio ${command} `), ask.join(' '));
      assert.match(result.stdout, /examples:/);
      assert.match(result.stdout, /exit codes:/);
      for (const flag of flags) assert.ok(result.stdout.includes(flag), `${command} --help mentions ${flag}`);
    }
  }
  const overview = runCli(['--help']);
  assert.equal(overview.status, 0);
  for (const command of Object.keys(options)) assert.match(overview.stdout, new RegExp(`\\n  ${command} `));
});

test('usage errors exit 2 and say what is wrong and where help is', () => {
  const cases = [
    [[], /usage: folio <command>/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['build'], /no input files or folders given/],
    [['build', work], /say where to write/],
    [['build', work, '-o'], /-o needs a value/],
    [['build', work, '-o', 'x', '--bogus'], /unknown option --bogus/],
    [['build', work, '-o', 'x', '--jobs', 'many'], /--jobs needs a number/],
    [['build', work, '-o', 'x', '--drafts=yes'], /--drafts takes no value/],
    [['check'], /no input/],
    [['show', 'site'], /expects <site> <id>/],
    [['show', 'site', 'id', '--html'], /unknown option --html/],
    [['search', 'site'], /expects <site> <query>/],
    [['render'], /expects one file/],
  ];
  for (const [args, message] of cases) {
    const result = runCli(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, message, args.join(' '));
    if (args.length > 0 && args[0] !== 'frobnicate') {
      assert.match(result.stderr, /--help/, args.join(' '));
    }
  }
});

test('problems with the input exit 1', () => {
  assert.equal(runCli(['build', path.join(work, 'missing'), '-o', path.join(work, 'site')]).status, 1);
  assert.equal(runCli(['show', path.join(work, 'missing'), 'x']).status, 1);
  assert.equal(runCli(['show', testSite, 'no-such-id']).status, 1);
  assert.equal(runCli(['render', path.join(work, 'missing.md')]).status, 1);
});

test('--flag=value works like --flag value', () => {
  const site = path.join(work, 'eq');
  const result = runCli(['build', path.join(sourceDir, 'assets'), `--output=${site}`, '--title=Equals', '--quiet']);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '', '--quiet prints nothing when nothing is wrong');
});

test('show --json is the metadata folio.js gives, with the HTML its render gives', async () => {
  const { createFolio } = await loadFolioModule();
  const { readFileSync } = await import('node:fs');
  const folio = await createFolio({ corpus: readFileSync(path.join(testSite, 'corpus.json'), 'utf8'), wasmBinary: wasmBinary() });
  for (const { id } of folio.articles()) {
    const shown = runCli(['show', testSite, id, '--json']);
    assert.equal(shown.status, 0, shown.stderr);
    const { html, ...metadata } = JSON.parse(shown.stdout);
    assert.deepEqual(metadata, JSON.parse(JSON.stringify(folio.article(id))), id);
    assert.equal(html, folio.render(id), id);
  }
  folio.close();
});
