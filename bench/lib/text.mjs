// What every engine indexes and what the truth is computed on: the text a reader sees.
//
// folio promises to search the visible text of an article (issue 5: "the plain text of the
// rendered article, never the Markdown syntax"), and Pagefind indexes rendered HTML, so the
// benchmark gives every engine the same visible text and judges it against the same text. The
// text comes from markdown-it (pinned in bench/package.json), not from folio: the truth must not
// be derived from the system under test.
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

const han = /\p{Script=Han}/u;
/** A character that can be part of a Latin/Greek/Cyrillic/digit word (not CJK). */
const wordChar = /[\p{L}\p{N}\p{M}]/u;
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export const isHan = (ch) => han.test(ch);
export const isCjk = (ch) => cjk.test(ch);
export const isWordChar = (ch) => ch !== undefined && ch !== '' && !cjk.test(ch) && wordChar.test(ch);

/** Bumped whenever visibleText changes, so cached documents are extracted again. */
export const visibleTextVersion = 2;

/** NFKC and lower case, white space collapsed: the normal form of both text and queries. */
export function normalize(text) {
  return text.normalize('NFKC').toLowerCase().replace(/[^\S\n]+/g, ' ').replace(/ ?\n[\s]*/g, '\n').trim();
}

// Raw HTML: a reader sees its text, not its tags, and never the insides of script/style or
// comments.
function htmlText(html) {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
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
