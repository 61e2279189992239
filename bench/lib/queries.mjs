// Queries drawn deterministically from a corpus, and their brute-force truth.
//
// Kinds (issue 10): Chinese runs of 1, 2, 3-4 and 5+ characters, mixed Latin + Han as written
// (`3g网络`), a Latin word, and a quoted Latin phrase. Each is cut from the visible text of a
// randomly chosen article, so every query has at least one true hit. Truth is a scan of every
// article by issue 5's exactness rule (truthFor below; bench/README.md, "Truth").
import { makeRng, seedFrom } from './prng.mjs';
import { cjkClass, isHan, isWordChar, wordClass } from './text.mjs';

export const queryKinds = ['zh1', 'zh2', 'zh3-4', 'zh5+', 'mixed', 'latin', 'phrase'];

export const kindLabels = {
  zh1: 'Chinese, 1 char',
  zh2: 'Chinese, 2 chars',
  'zh3-4': 'Chinese, 3-4 chars',
  'zh5+': 'Chinese, 5+ chars',
  mixed: 'mixed Latin+Chinese',
  latin: 'Latin word',
  phrase: 'Latin phrase',
};

// Words every English engine drops or ranks away; a user does not search for them alone.
const stopWords = new Set(('the and for with that this are was were from you your not but have has had ' +
  'its our their they them will would can could should into about than then there here what when ' +
  'which who how also been more most some such only other any all one two use using used').split(' '));

const latinWordRe = /[\p{L}\p{N}\p{M}]+/gu;

function hanRunLengthAt(text, start) {
  let end = start;
  while (end < text.length && isHan(text[end])) end += 1;
  return end - start;
}

function drawChinese(rng, text, minLen, maxLen) {
  const want = rng.int(minLen, maxLen);
  // Start at a random point and take the next Han run that is long enough.
  let i = rng.int(0, Math.max(0, text.length - 1));
  for (let scanned = 0; scanned < text.length; scanned += 1, i = (i + 1) % text.length) {
    if (!isHan(text[i]) || (i > 0 && isHan(text[i - 1]))) continue;
    const run = hanRunLengthAt(text, i);
    if (run >= want) {
      const offset = rng.int(0, run - want);
      return text.slice(i + offset, i + offset + want);
    }
  }
  return null;
}

function latinWords(text) {
  const words = [];
  for (const m of text.matchAll(latinWordRe)) {
    const w = m[0];
    if ([...w].some((ch) => !isWordChar(ch))) continue; // a run mixing in CJK
    words.push({ word: w, index: m.index });
  }
  return words;
}

function drawLatin(rng, text) {
  const words = latinWords(text).filter(({ word }) =>
    word.length >= 3 && /\p{L}/u.test(word) && !stopWords.has(word));
  return words.length ? rng.pick(words).word : null;
}

function drawPhrase(rng, text) {
  const words = latinWords(text);
  const starts = [];
  for (let i = 0; i + 1 < words.length; i += 1) {
    const a = words[i];
    const b = words[i + 1];
    if (text.slice(a.index + a.word.length, b.index) !== ' ') continue;
    if (!/\p{L}/u.test(a.word) || !/\p{L}/u.test(b.word)) continue;
    if (stopWords.has(a.word) && stopWords.has(b.word)) continue;
    starts.push(i);
  }
  if (!starts.length) return null;
  const i = rng.pick(starts);
  let end = i + 1;
  if (rng.next() < 0.3 && words[i + 2] &&
      text.slice(words[i + 1].index + words[i + 1].word.length, words[i + 2].index) === ' ') {
    end = i + 2;
  }
  return text.slice(words[i].index, words[end].index + words[end].word.length);
}

// `3g网络`, `网络3g`: a whole Latin/digit token touching Han characters, as a user types it.
const mixedRe = /(?<![\p{L}\p{N}])([a-z0-9][a-z0-9.+#-]*[a-z0-9]|[a-z0-9])(\p{Script=Han}{1,3})|(\p{Script=Han}{1,3})([a-z0-9][a-z0-9.+#-]*[a-z0-9]|[a-z0-9])(?![\p{L}\p{N}])/gu;

function drawMixed(rng, text) {
  const found = [...text.matchAll(mixedRe)].map((m) => m[0]);
  return found.length ? rng.pick(found) : null;
}

const drawers = {
  zh1: (rng, text) => drawChinese(rng, text, 1, 1),
  zh2: (rng, text) => drawChinese(rng, text, 2, 2),
  'zh3-4': (rng, text) => drawChinese(rng, text, 3, 4),
  'zh5+': (rng, text) => drawChinese(rng, text, 5, 8),
  mixed: drawMixed,
  latin: drawLatin,
  phrase: drawPhrase,
};

const startsCjkRe = new RegExp(`^[${cjkClass}]`, 'u');
const cjkRunRe = new RegExp(`[${cjkClass}]+|[^${cjkClass}]+`, 'gu');
const wordRe = new RegExp(`${wordClass}+`, 'gu');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole words in a row, with nothing but spaces and punctuation between them (never CJK). */
function wordsInARow(words) {
  const between = `(?:(?!${wordClass})[^${cjkClass}])+`;
  const re = new RegExp(`(?<!${wordClass})${words.map(escapeRe).join(between)}(?!${wordClass})`, 'u');
  return (field) => re.test(field);
}

/**
 * What a query asks for, by issue 5's exactness rule: every term must match; in a term, each CJK
 * run is a substring and each Latin word a whole word, and the Latin words of one piece of a term
 * (`2.0`, `v1.2`, and a quoted phrase's words) stand in a row, as every engine's tokenizer reads
 * them. Parts may match in different fields (title, author and tags, text), as fields are ANDed.
 */
export function queryParts(query) {
  const parts = [];
  for (const m of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = m[1] ?? m[2];
    for (const [piece] of term.matchAll(cjkRunRe)) {
      if (startsCjkRe.test(piece)) {
        if (m[1] !== undefined) throw new Error(`bench: a quoted phrase with CJK is not drawn (${query})`);
        parts.push((field) => field.includes(piece));
      } else {
        const words = [...piece.matchAll(wordRe)].map((w) => w[0]);
        if (words.length) parts.push(wordsInARow(words));
      }
    }
  }
  return parts;
}

/**
 * Ids of the documents (normalized: { id, title, author, text }; `author` holds the author and
 * each tag on lines of their own, separate fields) that truly match `query`.
 */
export function truthFor(docs, query) {
  const parts = queryParts(query);
  const ids = [];
  for (const doc of docs) {
    const fields = [doc.text, doc.title, ...doc.author.split('\n')];
    if (parts.every((part) => fields.some((field) => part(field)))) ids.push(doc.id);
  }
  return ids;
}

/**
 * Draws `perKind` queries of each kind from `docs` (normalized), with their truth. A kind the
 * corpus cannot supply (no Chinese in an English blog) is left out, and the caller reports it.
 */
export function drawQueries(docs, { corpus, perKind }) {
  const queries = [];
  for (const kind of queryKinds) {
    const rng = makeRng(seedFrom('folio-bench-queries-v1', corpus, kind));
    const seen = new Set();
    let found = 0;
    for (let attempt = 0; attempt < perKind * 60 && found < perKind; attempt += 1) {
      const doc = rng.pick(docs);
      const text = rng.next() < 0.1 && doc.title ? doc.title : doc.text;
      if (!text) continue;
      const needle = drawers[kind](rng, text);
      if (!needle || seen.has(needle)) continue;
      seen.add(needle);
      // What the user types: phrases in double quotes, the rest as cut from the text.
      const typed = kind === 'phrase' ? `"${needle}"` : needle;
      const truth = truthFor(docs, typed);
      if (!truth.length) continue; // cannot happen for text drawn from a document; kept as a guard
      queries.push({ kind, text: typed, needle, truth });
      found += 1;
    }
  }
  return queries;
}
