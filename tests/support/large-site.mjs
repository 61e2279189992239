// A site of 50,000 real articles for the viewer's scale scenarios, built by the real CLI: the
// posts of four shared corpora (Chinese and English, YAML front matter) that folio loads, each
// repeated with its own id until there are `count` of them, bodies cut to their first 1,000
// characters so the corpus stays near 50 MB. The Markdown is written once (build/…/large-corpus-N);
// the site is rebuilt each run, so it always comes from the current CLI (FOLIO_KEEP_LARGE_SITE=1
// reuses the last one, for quick loops on the viewer alone).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, required, sharedDir, testSite } from './env.mjs';

const sources = ['zh-yihui', 'zh-cosx', 'en-18f', 'en-digitalgov'];
const frontMatter = /^(\uFEFF?---\r?\n)([\s\S]*?\r?\n)(---[ \t]*(?:\r?\n|$))/;

function markdownFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) found.push(...markdownFiles(file));
    else if (/\.(md|markdown)$/.test(name)) found.push(file);
  }
  return found;
}

function build(args) {
  const result = spawnSync(required(cli, 'build the native preset'), ['build', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`folio build ${args.join(' ')}: ${result.stderr}`);
}

function writeCorpus(dir, count) {
  const work = `${dir}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const folders = sources.map((name) => required(path.join(sharedDir, 'corpora', name), 'the shared corpora are missing'));
  // Only posts folio loads as articles (no drafts, no broken files), so the count is exact.
  const report = path.join(work, 'report.json');
  build([...folders, '-o', path.join(work, 'probe-site'), '--report', report]);
  const loaded = JSON.parse(readFileSync(report, 'utf8')).articles.map((a) => a.source).sort();
  const posts = [];
  for (const source of loaded) {
    const match = frontMatter.exec(readFileSync(source, 'utf8'));
    if (!match) continue;
    const fields = match[2].split(/\r?\n/).filter((line) => !/^(id|slug)\s*:/.test(line)).join('\n');
    posts.push({ fields, body: readFileSync(source, 'utf8').slice(match[0].length, match[0].length + 1000) });
  }
  if (posts.length < 1000) throw new Error(`only ${posts.length} usable posts in ${folders.join(', ')}`);
  const postsDir = path.join(work, 'posts');
  mkdirSync(postsDir);
  for (let i = 0; i < count; i++) {
    const { fields, body } = posts[i % posts.length];
    const name = String(i).padStart(6, '0');
    // Each copy ends with its own line: `folio build` keeps one of articles with the same title,
    // date and text (article.duplicate, issue 7), and these are meant to be 50,000 articles.
    writeFileSync(path.join(postsDir, `${name}.md`), `---\nid: "large-${name}"\n${fields.trimEnd()}\n---\n${body}\n\nCopy ${name}.\n`);
  }
  rmSync(path.join(work, 'probe-site'), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(path.join(work, 'complete'), `${count}\n`);
  return work;
}

function articlesIn(site) {
  return JSON.parse(readFileSync(path.join(site, 'corpus.json'), 'utf8')).articles.length;
}

/** Builds (and returns the folder of) a site with `count` articles. */
export function largeSite(count = 50000) {
  const base = path.dirname(testSite);
  const corpus = path.join(base, `large-corpus-${count}`);
  const site = path.join(base, `large-site-${count}`);
  if (process.env.FOLIO_KEEP_LARGE_SITE && existsSync(path.join(site, 'corpus.json'))) return site;
  // Posts chosen (or written) by an older CLI or script may be skipped by a newer one: then write again, once.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt || !existsSync(path.join(corpus, 'complete'))) {
      const written = writeCorpus(corpus, count);
      rmSync(corpus, { recursive: true, force: true });
      // a finished folder appears whole, so an interrupted run never leaves half a corpus behind
      renameSync(written, corpus);
    }
    rmSync(site, { recursive: true, force: true });
    // One corpus.json on purpose: past 5,000 articles `--layout auto` shards (issue 8), and these
    // scenarios measure the single-file viewer at 50,000 (the sharded one has its own test).
    build([path.join(corpus, 'posts'), '-o', site, '--layout', 'single']);
    if (articlesIn(site) === count) return site;
  }
  throw new Error(`${site} has ${articlesIn(site)} articles, not ${count}`);
}
