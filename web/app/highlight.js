// Marks a search's terms in an opened article by walking its text nodes: the query never
// becomes markup (only <mark> elements made here, holding text the article already had).
// Matching follows the engine's rules as far as JS can cheaply: NFKC and case folding, CJK
// runs as substrings, Latin words on word boundaries, the last word also as a prefix (search
// while typing). Traditional/Simplified folding is the engine's alone (not mirrored here).

const fieldTerm = /^-?[a-z]+:/i;
const wordChar = /[\p{L}\p{N}]/u;
const cjkChar = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The words and phrases of a query to look for: quotes kept together, -exclusions and field:
 * filters left out. */
export function queryTerms(query) {
  const terms = [];
  const pattern = /(-?)"([^"]*)"?|(\S+)/g;
  for (const match of String(query ?? '').matchAll(pattern)) {
    if (match[1]) continue;
    const term = match[2] ?? match[3];
    if (match[3] && (term.startsWith('-') || fieldTerm.test(term))) continue;
    const cleaned = term.replace(/"/g, '').trim();
    if (cleaned) terms.push(cleaned);
  }
  return [...new Set(terms)];
}

// Folded text with, for each folded UTF-16 unit, the index in the source it came from.
function fold(text) {
  let folded = '';
  const origin = [];
  let i = 0;
  for (const char of text) {
    const f = char.normalize('NFKC').toLowerCase();
    folded += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += char.length;
  }
  origin.push(i);
  return { folded, origin };
}

function isWordAt(text, index) {
  const char = text.codePointAt(index);
  if (char === undefined) return false;
  const s = String.fromCodePoint(char);
  return wordChar.test(s) && !cjkChar.test(s);
}

function charBefore(text, index) {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return text.slice(start, index);
}

// [start, end) ranges of `terms` in `text` (source indices), non-overlapping, in order.
function findRanges(text, terms) {
  const { folded, origin } = fold(text);
  const found = [];
  terms.forEach((term, n) => {
    const needle = fold(term).folded;
    if (!needle) return;
    const latinStart = isWordAt(needle, 0);
    const latinEnd = isWordAt(needle, needle.length - 1) ||
      (needle.length >= 2 && isWordAt(needle, needle.length - 2));
    const prefixOk = n === terms.length - 1;
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
      const before = charBefore(folded, at);
      if (latinStart && before && wordChar.test(before) && !cjkChar.test(before)) continue;
      const end = at + needle.length;
      if (latinEnd && !prefixOk && isWordAt(folded, end)) continue;
      found.push([origin[at], origin[end]]);
    }
  });
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const range of found) {
    const last = merged[merged.length - 1];
    if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

const blockTags = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TD', 'TH', 'PRE',
  'BLOCKQUOTE', 'DD', 'DT', 'FIGCAPTION', 'DIV', 'ARTICLE', 'SECTION', 'TABLE', 'UL', 'OL']);

function blockOf(node, root) {
  for (let n = node.parentNode; n && n !== root; n = n.parentNode) if (blockTags.has(n.nodeName)) return n;
  return root;
}

/** Wraps every match of `terms` under `root` in <mark class="folio-hit">; returns the marks. */
export function highlightTerms(root, terms) {
  if (!terms.length) return [];
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  // Text nodes grouped by the block they sit in, so a match may cross <em> or <a> but never a
  // paragraph's end.
  const groups = [];
  let current = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentNode.closest?.('mark.folio-hit')) continue;
    const block = blockOf(node, root);
    if (!current || current.block !== block) groups.push((current = { block, nodes: [] }));
    current.nodes.push(node);
  }
  const marks = [];
  for (const { nodes } of groups) {
    const starts = [];
    let text = '';
    for (const node of nodes) {
      starts.push(text.length);
      text += node.data;
    }
    const ranges = findRanges(text, terms);
    const groupMarks = [];
    // Right to left, so splitting a node never moves a range still to be wrapped.
    for (let r = ranges.length - 1; r >= 0; r--) {
      const [start, end] = ranges[r];
      const pieces = [];
      for (let k = nodes.length - 1; k >= 0; k--) {
        const nodeStart = starts[k];
        const nodeEnd = nodeStart + nodes[k].data.length;
        if (nodeEnd <= start || nodeStart >= end) continue;
        let target = nodes[k];
        const from = Math.max(start, nodeStart) - nodeStart;
        const to = Math.min(end, nodeEnd) - nodeStart;
        if (to < target.data.length) target.splitText(to);
        if (from > 0) target = target.splitText(from);
        const mark = doc.createElement('mark');
        mark.className = 'folio-hit';
        target.replaceWith(mark);
        mark.append(target);
        pieces.unshift(mark);
      }
      groupMarks.unshift(...pieces);
    }
    marks.push(...groupMarks);
  }
  return marks;
}
