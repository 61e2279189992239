// `folio build <corpus> --report` on every corpus in ../shared/corpora: every Markdown file the
// build reads (each corpus is a Hugo-style tree: content/) is either an article or a skip with
// its reason, and a sample of fields checked by hand against the files is right. Fails (never
// skips) when ../shared is missing.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/cli.mjs';
import { required, sharedDir } from '../support/env.mjs';

const corporaDir = required(path.join(sharedDir, 'corpora'),
  'the shared corpora are needed (../shared/corpora beside the clone, or FOLIO_SHARED_DIR)');
const work = mkdtempSync(path.join(tmpdir(), 'folio-corpora-'));

function markdownFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.isFile() && /\.(md|markdown|mdown)$/.test(entry.name)) out.push(full);
  }
  return out;
}

const corpora = readdirSync(corporaDir).filter((n) => statSync(path.join(corporaDir, n)).isDirectory()).sort();
const built = new Map();

test('there are corpora to load', () => assert.ok(corpora.length >= 6, corpora.join(', ')));

for (const name of corpora) {
  test(`${name}: articles out == files in minus reported skips, each skip with its reason`, () => {
    const dir = path.join(corporaDir, name);
    const site = path.join(work, name);
    const reportPath = path.join(work, `${name}.json`);
    const result = runCli(['build', dir, '-o', site, '--report', reportPath]);
    assert.equal(result.status, 0, result.stderr.slice(-2000));
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    const corpus = JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8'));
    // SOURCE.md and LICENSE.md beside content/ are not articles: the build reads content/ only.
    const files = markdownFiles(path.join(dir, 'content')).map((f) => path.relative(dir, f)).sort();
    assert.deepEqual(report.inputs.map((i) => [i.layout, i.read]), [['hugo', ['content']]]);
    const rel = (s) => path.relative(dir, s.source);
    const articles = report.articles.map(rel);
    const skipped = report.skipped.map(rel);
    assert.equal(articles.length, files.length - skipped.length);
    assert.deepEqual([...articles, ...skipped].sort(), files, 'each file once, in articles or skipped');
    for (const s of report.skipped) {
      assert.ok(s.code && s.message && Number.isInteger(s.line) && Number.isInteger(s.column), JSON.stringify(s));
    }
    assert.equal(corpus.articles.length, articles.length);
    assert.equal(new Set(corpus.articles.map((a) => a.id)).size, corpus.articles.length, 'ids are unique');
    for (const a of corpus.articles) {
      assert.ok(a.date === '' || /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/.test(a.date), `${a.source}: ${a.date}`);
      assert.ok(a.url === '' || /^https?:\/\//i.test(a.url), a.url);
      assert.ok(a.title.length > 0, a.source);
    }
    // corpus.json names each article by its path inside the folder given, never an absolute one.
    for (const a of corpus.articles) assert.ok(a.source.startsWith('content/'), a.source);
    built.set(name, new Map(corpus.articles.map((a) => [a.source, a])));
  });
}

// Checked by hand against the files (issue 3's "fields are right on a sample").
const samples = {
  'zh-cosx': {
    'content/post/2022-10-24-interview-of-jy.md': (a) => {
      assert.equal(a.id, 'interview-of-jianyang');
      assert.equal(a.date, '2022-10-24T00:00:00+00:00');
      assert.deepEqual(a.categories, ['COS访谈']);
      assert.deepEqual(a.tags, ['cos访谈', '统计学', '教育', '统计软件', '生物统计', '统计遗传']);
      assert.equal(a.meta.forum_id, 423626);
      assert.equal(a.meta.meta_extra, '采访和文字整理：王健桥、边蓓蕾、邱怡轩、魏太云');
      assert.ok(a.cjk_chars > 1000);
    },
  },
  'zh-yihui': {
    'content/cn/2022-07-05-festival.md': (a) => {
      assert.equal(a.id, 'festival');
      assert.equal(a.title, '过节');
      assert.equal(a.date, '2022-07-05T00:00:00+00:00');
      assert.deepEqual(a.tags, ['诗']);
    },
    'content/cn/kids/2019-11-01-tale.md': (a) => {
      assert.equal(a.author, '谢益辉');
      assert.equal(a.meta.subtitle, '呆懵二娃成长记');
      assert.deepEqual(a.meta.customCSS, ['utils/circled-numbers.css']);
    },
  },
  'en-18f': {
    'content/posts/2016-03-04-how-people-use-proxies-to-interact-with-the-government.md': (a) => {
      assert.equal(a.title, 'How people use proxies to interact with the federal government');
      assert.equal(a.date, '2016-03-04T00:00:00+00:00');
      assert.deepEqual(a.authors, ['colinmacarthur', 'carolyn', 'michelle-chronister', 'yuda', 'bradnunnally']);
      assert.equal(a.image, '/assets/blog/federal-front-door/ffd-microsite.jpg');
      assert.match(a.summary, /^Over the next two weeks/);
    },
  },
  'en-digitalgov': {
    'content/news/2017/03/2017-03-08-the-data-briefing-finding-the-new-federal-government-technologists.md': (a) => {
      assert.equal(a.id, 'the-data-briefing-finding-the-new-federal-government-technologists');
      assert.equal(a.date, '2017-03-08T02:05:17-04:00');
      assert.deepEqual(a.authors, ['bbrantley']);
      assert.deepEqual(a.meta.topics, ['product-and-project-management', 'acquisition', 'professional-development', 'emerging-tech']);
      assert.equal(a.meta.expirydate, '2025-01-01');
    },
  },
  'en-rust-blog-toml': {
    'content/Rust-1.77.2.md': (a) => {
      assert.equal(a.title, 'Announcing Rust 1.77.2');
      assert.equal(a.date, '2024-04-09T00:00:00+00:00');
      assert.equal(a.author, 'The Rust Security Response WG');
      assert.equal(a.meta.extra.release, true);
    },
  },
  'mixed-opentelemetry': {
    'content/en/announcements/kubecon-india.md': (a) => {
      assert.equal(a.title, 'KubeCon + CloudNativeCon India 2026');
      assert.equal(a.date, '2026-04-25T00:00:00+00:00');
      assert.equal(a.meta.params.blogPostURL, 'https://events.linuxfoundation.org/kubecon-cloudnativecon-india/');
    },
    'content/zh/docs/concepts/signals/traces.md': (a) => {
      assert.equal(a.title, '链路（Trace）');
      assert.equal(a.summary, '请求通过应用的路径。');
      assert.equal(a.meta.drifted_from_default, true);
    },
  },
};

for (const [name, files] of Object.entries(samples)) {
  test(`${name}: hand-checked fields`, () => {
    const articles = built.get(name);
    assert.ok(articles, `${name} was not built`);
    for (const [file, check] of Object.entries(files)) {
      const article = articles.get(file);
      assert.ok(article, `${file} is in the corpus`);
      check(article);
    }
  });
}
