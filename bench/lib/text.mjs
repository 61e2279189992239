// What every engine indexes and what the truth is computed on: the text a reader sees.
//
// folio promises to search the visible text of an article (issue 5: "the plain text of the
// rendered article, never the Markdown syntax"), and Pagefind indexes rendered HTML, so the
// benchmark gives every engine the same visible text and judges it against the same text. The
// text comes from markdown-it (pinned in bench/package.json), not from folio: the truth must not
// be derived from the system under test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

const han = /\p{Script=Han}/u;
// U+30FC, the prolonged sound mark (コレクター), is Katakana writing though Unicode gives it the
// Common script: `otlp` in `コレクターOTLP` is a whole word (mixed-opentelemetry's ja-demo).
export const cjkClass = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30fc';
const cjk = new RegExp(`[${cjkClass}]`, 'u');
/** A character that can be part of a Latin/Greek/Cyrillic/digit word: a letter, digit or mark, not CJK. */
export const wordClass = `(?:(?![${cjkClass}])[\\p{L}\\p{N}\\p{M}])`;
const wordChar = new RegExp(`^${wordClass}$`, 'u');

export const isHan = (ch) => han.test(ch);
export const isCjk = (ch) => cjk.test(ch);
export const isWordChar = (ch) => ch !== undefined && wordChar.test(ch);

/** Bumped whenever visibleText or normalize changes, so cached documents are extracted again. */
export const visibleTextVersion = 7;

// Traditional -> Simplified, one character at a time, as issue 5 asks of search (`運營商` finds
// `运营商`): the table comes from OpenCC's own single-character dictionary (Debian's
// libopencc-data, through Debian's `opencc` tool), the data the issue names, read here without
// any of folio's code. Every Han code point is converted once, one per line.
let traditionalToSimplified = null;
function tsTable() {
  if (traditionalToSimplified) return traditionalToSimplified;
  const dict = { type: 'ocd2', file: '/usr/share/opencc/TSCharacters.ocd2' };
  const work = mkdtempSync(path.join(tmpdir(), 'bench-t2s-'));
  try {
    const config = path.join(work, 'ts.json');
    writeFileSync(config, JSON.stringify({ name: 'bench t2s characters', segmentation: { type: 'mmseg', dict },
      conversion_chain: [{ dict }] }));
    const chars = [];
    for (const [from, to] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0x20000, 0x2fa1f], [0x30000, 0x3134f]]) {
      for (let cp = from; cp <= to; cp += 1) chars.push(String.fromCodePoint(cp));
    }
    writeFileSync(path.join(work, 'in.txt'), chars.join('\n') + '\n');
    const run = spawnSync('opencc', ['-c', config, '-i', path.join(work, 'in.txt'), '-o', path.join(work, 'out.txt')],
      { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`bench: opencc failed (apt-get install opencc libopencc-data): ${run.error?.message ?? run.stderr}`);
    const out = readFileSync(path.join(work, 'out.txt'), 'utf8').split('\n');
    traditionalToSimplified = new Map();
    chars.forEach((ch, i) => {
      if (out[i] && out[i] !== ch && [...out[i]].length === 1) traditionalToSimplified.set(ch, out[i]);
    });
    return traditionalToSimplified;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * NFKC, lower case and Traditional -> Simplified, white space collapsed: the normal form of both
 * text and queries.
 */
export function normalize(text) {
  const table = tsTable();
  return text.normalize('NFKC').toLowerCase().replace(/\p{Script=Han}/gu, (ch) => table.get(ch) ?? ch)
    .replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\s]*/g, '\n').trim();
}

// Raw HTML as folio's viewer shows it, by the contract in the README ("Safe by default" and the
// table "Raw HTML in articles"): an allowed tag is markup, so a reader sees none of it (a block
// tag ends the line); every other tag (`<script>`, `<style>`, `<link>`, ...) is shown as the text
// the author typed, and so is whatever stands between such tags; comments are dropped. A reader
// can read, so search must find, the source of a `<script>` block that folio shows as text
// (mixed-opentelemetry's benchmark pages); markdown-it, a browser's view, would hide it.
const allowedTags = new Set(('a img blockquote q del ins time div p table h1 h2 h3 h4 h5 h6 td th ol li ' +
  'col colgroup details abbr b bdi bdo br caption cite code dd dfn dl dt em figcaption figure hr i kbd ' +
  'mark pre rp rt ruby s samp small span strike strong sub summary sup tbody tfoot thead tr tt u ul var ' +
  'wbr').split(' '));
const blockTags = new Set(('blockquote div p table h1 h2 h3 h4 h5 h6 td th ol li details dd dl dt ' +
  'figcaption figure caption hr br pre summary tbody tfoot thead tr ul').split(' '));
function htmlText(html) {
  return html
    // A comment never closed runs to the end, as in a browser's tokenizer and in Markdown's HTML
    // block: synth corpora cut `<!--#` from its `-->` (synth-10k: 12 of 70 sets had ids too many).
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    // A tag as an HTML tokenizer reads it: a `>` inside a quoted value does not end it
    // (`<img src="{{< postref >}}a.png" alt="…">`, zh-cosx's choropleth-map).
    .replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?\/?>/g, (tag, name) => {
      const lower = name.toLowerCase();
      if (!allowedTags.has(lower)) return tag;
      return blockTags.has(lower) ? '\n' : '';
    });
}

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return entities[name.toLowerCase()] ?? all;
  });
}

/**
 * The visible text of a Markdown body: one line per block (paragraph, heading, list item, table
 * cell, code block), soft line breaks as a space (none between two Han characters: a line broken
 * inside a Chinese sentence reads as one word), raw HTML as its text.
 */
export function visibleText(body) {
  const lines = [];
  let line = '';
  const flush = () => {
    if (line.trim()) lines.push(line);
    line = '';
  };
  const inline = (children) => {
    for (let i = 0; i < children.length; i += 1) {
      const t = children[i];
      switch (t.type) {
        case 'text':
        case 'code_inline':
          line += t.content;
          break;
        case 'softbreak': {
          const before = line.slice(-1);
          const after = children[i + 1]?.content?.[0] ?? '';
          if (!(isHan(before) && isHan(after))) line += ' ';
          break;
        }
        case 'hardbreak':
          flush();
          break;
        case 'html_inline':
          line += decodeEntities(htmlText(t.content));
          break;
        case 'image':
          // Alt text is the image's text for a screen reader, and what shows when it fails to
          // load; folio indexes it (render_plain_text), so the truth reads it too.
          line += t.content;
          break;
        default:
          break; // link/emphasis open and close: no text of their own
      }
    }
  };
  for (const token of markdown.parse(body, {})) {
    if (token.type === 'inline') inline(token.children ?? []);
    else if (token.type === 'fence' || token.type === 'code_block') {
      flush();
      token.content.split('\n').forEach((l) => lines.push(l));
    } else if (token.type === 'html_block') {
      flush();
      decodeEntities(htmlText(token.content)).split('\n').forEach((l) => lines.push(l));
    } else if (token.nesting !== 0 || token.type === 'hr') {
      flush();
    }
  }
  flush();
  return lines.join('\n');
}
