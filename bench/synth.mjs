#!/usr/bin/env node
// Synthesizes a large Chinese article corpus from the shared real ones, deterministically: the
// same --seed and --articles give byte-identical files on any machine, and article i does not
// depend on --articles, so the 10k corpus is the first 10k articles of the 50k one (and of the
// 100k/300k ones the scale benchmark of issue 8 asks for).
//
//   node bench/synth.mjs --articles 10000 --out build/bench/synth-10k [--seed 1]
//                        [--from zh-yihui,zh-cosx] [--shared ../shared]
//
// Each article is real text recombined: its length copies that of a randomly chosen real article
// (capped at 8 KB), the first half of its body is consecutive Markdown blocks (paragraphs, lists,
// code, tables) of one real article, the second half of another; title and author come from the
// first. Files go 1,000 to a folder (<out>/src/000/000001.md …) with Jekyll-style front matter.
// <out>/manifest.json records what was made; a second run with the same settings does nothing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng, seedFrom } from './lib/prng.mjs';
import { listFiles, sharedDir as defaultShared } from './lib/util.mjs';

// Bump when the output for the same settings changes, so cached corpora are rebuilt.
export const generatorVersion = 1;
const maxBodyBytes = 8000;

function frontMatter(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!m) return { fields: {}, body: text };
  const fields = {};
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^(title|author|name):\s*(.*)$/.exec(line);
    if (kv && !fields[kv[1]]) fields[kv[1]] = kv[2].trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return { fields, body: text.slice(m[0].length) };
}

// Markdown blocks separated by blank lines; a fenced code block stays one block.
function blocks(body) {
  const out = [];
  let current = [];
  let fence = null;
  for (const line of body.split(/\r?\n/)) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      current.push(line);
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
      continue;
    }
    if (f) fence = f[1];
    if (!fence && line.trim() === '') {
      if (current.length) out.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length) out.push(current.join('\n'));
  return out;
}

export function loadSources(shared, names) {
  const sources = [];
  for (const name of names) {
    const dir = path.join(shared, 'corpora', name);
    for (const rel of listFiles(dir)) {
      if (!/\.(md|markdown)$/.test(rel)) continue;
      const text = readFileSync(path.join(dir, rel), 'utf8');
      const { fields, body } = frontMatter(text);
      const list = blocks(body);
      if (!list.length) continue;
      sources.push({
        title: fields.title || rel,
        author: fields.author || fields.name || '',
        blocks: list,
        bytes: Buffer.byteLength(body),
      });
    }
  }
  if (!sources.length) throw new Error(`no Markdown found in ${names.join(', ')} under ${shared}`);
  return sources;
}

function takeBlocks(rng, source, budget, into) {
  let i = rng.int(0, source.blocks.length - 1);
  let used = 0;
  do {
    into.push(source.blocks[i]);
    used += Buffer.byteLength(source.blocks[i]) + 2;
    i = (i + 1) % source.blocks.length;
  } while (used < budget && i !== 0);
  return used;
}

const pad = (n, width) => String(n).padStart(width, '0');

/** Article number `n` (1-based): front matter + body, the same whatever the corpus size. */
export function synthesizeArticle(sources, seed, n) {
  const rng = makeRng(seedFrom('folio-synth', generatorVersion, seed, n));
  const first = rng.pick(sources);
  const second = rng.pick(sources);
  const target = Math.min(rng.pick(sources).bytes, maxBodyBytes);
  const body = [];
  const used = takeBlocks(rng, first, target / 2, body);
  takeBlocks(rng, second, Math.max(0, target - used), body);
  const day = new Date(Date.UTC(2005, 0, 1) + rng.int(0, 20 * 365) * 86400000 + rng.int(0, 86399) * 1000);
  const date = day.toISOString().slice(0, 16).replace('T', ' ');
  const id = `s${pad(n, 6)}`;
  const yaml = [
    '---',
    'layout: post',
    `id: ${id}`,
    `title: ${JSON.stringify(first.title)}`,
    `author: ${JSON.stringify(first.author)}`,
    `time: ${JSON.stringify(date)}`,
    '---',
  ].join('\n');
  return { id, text: `${yaml}\n\n${body.join('\n\n')}\n` };
}

export function synthesize({ articles, out, seed = 1, from = ['zh-yihui', 'zh-cosx'], shared = defaultShared }) {
  const settings = { generatorVersion, seed, articles, from };
  const manifestFile = path.join(out, 'manifest.json');
  if (existsSync(manifestFile)) {
    const old = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (JSON.stringify(old.settings) === JSON.stringify(settings)) return old;
  }
  rmSync(out, { recursive: true, force: true });
  const sources = loadSources(shared, from);
  const hash = createHash('sha256');
  let bytes = 0;
  for (let n = 1; n <= articles; n += 1) {
    const dir = path.join(out, 'src', pad(Math.floor((n - 1) / 1000), 3));
    if ((n - 1) % 1000 === 0) mkdirSync(dir, { recursive: true });
    const { text } = synthesizeArticle(sources, seed, n);
    writeFileSync(path.join(dir, `${pad(n, 6)}.md`), text);
    hash.update(text);
    bytes += Buffer.byteLength(text);
  }
  const manifest = {
    settings,
    sources: sources.length,
    bytes,
    meanArticleBytes: Math.round(bytes / articles),
    sha256: hash.digest('hex'),
    src: 'src',
  };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

function parseArgs(argv) {
  const args = { seed: 1 };
  for (let i = 0; i < argv.length; i += 1) {
    const [key, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (key === '--articles') args.articles = Number(value());
    else if (key === '--out') args.out = value();
    else if (key === '--seed') args.seed = Number(value());
    else if (key === '--from') args.from = value().split(',');
    else if (key === '--shared') args.shared = value();
    else throw new Error(`synth: unknown option ${argv[i]}`);
  }
  if (!Number.isInteger(args.articles) || args.articles < 1 || !args.out) {
    throw new Error('usage: node bench/synth.mjs --articles N --out DIR [--seed S] [--from a,b] [--shared DIR]');
  }
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const manifest = synthesize(parseArgs(process.argv.slice(2)));
    console.log(JSON.stringify(manifest));
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
}
