// Import besides Markdown folders: a JSON Lines file of {title, author, date, url, body} records
// (scraped corpora), each line's problems reported as file:line:column, and folio's own
// corpus.json, versions 1 and 2.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.mjs';
import { sourceDir } from '../support/env.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'folio-import-'));

function build(inputs, ...flags) {
  const site = path.join(work, `site-${flags.length}-${path.basename(inputs[0])}`);
  const reportPath = `${site}.report.json`;
  const result = runCli(['build', ...inputs, '-o', site, '--report', reportPath, ...flags]);
  const read = (name) => JSON.parse(readFileSync(name, 'utf8'));
  return { result, site, report: read(reportPath), corpus: read(path.join(site, 'corpus.json')) };
}

const records = [
  { title: '微信与运营商', author: '虎嗅', date: '2013-07-15 18:10', url: 'https://www.huxiu.com/article/17254', body: '运营商和**微信**之间。' },
  { title: 'No id, no url', author: 'A. Writer', date: '2020-02-02', body: 'Plain *Markdown* body.' },
  'this is not JSON',
  { title: 'bad date', date: '2013-02-30', body: 'x' },
  ['an', 'array'],
  { title: 'body of the wrong type', body: 42 },
  { title: 'tags and extra keys', tags: ['a', 'b'], rating: 5, body: 'text' },
];
const jsonl = records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n\n';

test('every JSON Lines record is an article, through the same rules as front matter', () => {
  const file = path.join(work, 'scraped.jsonl');
  writeFileSync(file, jsonl);
  const { result, report, corpus } = build([file], '--timezone', '+08:00');
  assert.equal(result.status, 0, result.stderr);
  const byTitle = Object.fromEntries(corpus.articles.map((a) => [a.title, a]));
  const first = byTitle['微信与运营商'];
  assert.equal(first.id, '17254', 'the id from the url, as for a Markdown file');
  assert.equal(first.date, '2013-07-15T18:10:00+08:00');
  assert.equal(first.author, '虎嗅');
  assert.equal(first.markdown, '运营商和**微信**之间。\n');
  assert.equal(first.source, 'scraped.jsonl:1');
  assert.deepEqual(first.meta, {});
  assert.equal(byTitle['No id, no url'].id, 'scraped-2', 'the file name and line when nothing names it');
  assert.equal(byTitle['bad date'].date, '');
  assert.deepEqual(byTitle['tags and extra keys'].tags, ['a', 'b']);
  assert.deepEqual(byTitle['tags and extra keys'].meta, { rating: 5 });
  assert.equal(report.counts.records, 7);
  assert.equal(report.counts.articles, 4);
});

test('each bad line is reported at its line and column, and the good lines still load', () => {
  const file = path.join(work, 'scraped.jsonl');
  writeFileSync(file, jsonl);
  const { result, report } = build([file]);
  const where = (d) => [d.line, d.column, d.code];
  assert.deepEqual(report.skipped.map(where), [
    [3, 1, 'jsonl.syntax'],
    [5, 1, 'jsonl.record'],
    [6, 35, 'jsonl.record'],
  ]);
  // The impossible date is a warning at the column of its value in line 4.
  const line4 = JSON.stringify(records[3]);
  assert.deepEqual(report.warnings.map(where), [[4, line4.indexOf('"2013-02-30"') + 1, 'front_matter.date_invalid']]);
  for (const d of [...report.skipped, ...report.warnings]) {
    assert.ok(result.stderr.includes(`${file}:${d.line}:${d.column}: ${d.code}: `), JSON.stringify(d));
  }
  assert.equal(runCli(['build', file, '-o', path.join(work, 'strict'), '--strict']).status, 1);
});

test('a built corpus.json (version 2) is read back as it was', () => {
  const first = build([path.join(sourceDir, 'assets')]);
  assert.equal(first.result.status, 0, first.result.stderr);
  const again = build([path.join(first.site, 'corpus.json')]);
  assert.equal(again.result.status, 0, again.result.stderr);
  assert.deepEqual(again.corpus.articles, first.corpus.articles);
});

test('a version 1 corpus.json gets the fields version 2 added, from the same rules', () => {
  const file = path.join(work, 'old.json');
  writeFileSync(file, JSON.stringify({
    format: 'folio-corpus',
    version: 1,
    articles: [
      { id: '17254', title: 'OTT', author: 'mickeyknox', date: '2013-07-15 18:10', url: 'https://www.huxiu.com/article/17254', layout: 'post', source: '_posts/ott.md', markdown: '运营商和微信之间，存在着天然的矛盾。\n\nSecond paragraph.\n' },
      { id: 7, markdown: 'bad entry' },
    ],
  }));
  const { result, report, corpus } = build([file], '--timezone', 'Asia/Shanghai');
  assert.equal(result.status, 0, result.stderr);
  const [a] = corpus.articles;
  assert.equal(a.id, '17254');
  assert.equal(a.date, '2013-07-15T18:10:00+08:00');
  assert.deepEqual(a.authors, ['mickeyknox']);
  assert.equal(a.summary, '运营商和微信之间，存在着天然的矛盾。');
  assert.ok(a.cjk_chars > 10 && a.reading_minutes === 1);
  assert.equal(a.source, '_posts/ott.md');
  assert.deepEqual(report.skipped.map((d) => d.code), ['corpus.article']);
});

test('a .json file that is not a folio corpus is reported, not guessed at', () => {
  const file = path.join(work, 'package.json');
  writeFileSync(file, '{"name": "x"}');
  const { result, report } = build([file]);
  assert.equal(result.status, 0);
  assert.deepEqual(report.skipped.map((d) => d.code), ['corpus.format']);
});
