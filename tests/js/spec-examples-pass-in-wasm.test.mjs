// The literate spec files that tests/spec_test.cc runs natively, run through folio.js (WASM).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadFolioModule, sourceDir, wasmBinary } from '../support/env.mjs';
import { readExamples } from '../support/spec.mjs';

const { createFolio } = await loadFolioModule();
const binary = wasmBinary();
const empty = await createFolio({ corpus: { format: 'folio-corpus', version: 1, articles: [] }, wasmBinary: binary });

const specDir = path.join(sourceDir, 'tests/spec');
for (const file of readdirSync(specDir).filter((f) => f.endsWith('.txt')).sort()) {
  const examples = readExamples(readFileSync(path.join(specDir, file), 'utf8'));
  for (const example of examples) {
    const name = `${file} example ${example.number} (line ${example.line})`;
    if (file.startsWith('render')) {
      test(name, () => assert.equal(renderExample(example), example.expected));
    } else if (file.startsWith('search')) {
      test(name, async () => {
        const { query, articles } = searchCorpus(example.input);
        // Option `stem`: the site stems English words, as corpus.json says.
        const search = example.options.split('\n').includes('stem') ? { stem: 'english' } : undefined;
        const folio = await createFolio({ corpus: { format: 'folio-corpus', version: 1, articles, search }, wasmBinary: binary });
        const ids = folio.search(query).hits.map((hit) => `${hit.id}\n`).join('');
        folio.close();
        assert.equal(ids || '(none)\n', example.expected);
      });
    }
    // front-matter*.txt exercises the native article loader, which folio.js does not expose.
  }
}

// The options of tests/spec_test.cc's run_render, through folio.js.
function renderExample({ input, options }) {
  const lines = options.split('\n');
  const flag = (name) => lines.includes(name);
  const baseUrl = lines.find((line) => line.startsWith('base-url: '))?.slice('base-url: '.length) ?? '';
  const renderOptions = {
    trusted: flag('trusted'),
    commonmark: flag('commonmark'),
    cjkEmphasis: flag('cjk-emphasis'),
    readerExtras: !flag('no-extras'),
    baseUrl,
  };
  if (!flag('toc')) return empty.renderMarkdown(input, renderOptions);
  const { html, toc } = empty.renderDocument(input, renderOptions);
  return html + toc.map(({ level, id, text }) => `toc: ${level} ${id} ${text}\n`).join('');
}

function searchCorpus(input) {
  let query = '';
  const articles = [];
  for (const line of input.split('\n')) {
    if (line.startsWith('query: ')) {
      query = line.slice(7);
      continue;
    }
    const colon = line.indexOf(': ');
    if (colon < 0) continue;
    let rest = line.slice(colon + 2);
    let title = '';
    const bar = rest.indexOf(' | ');
    if (bar >= 0) {
      title = rest.slice(0, bar);
      rest = rest.slice(bar + 3);
    }
    // `\n` in a body is a line break (tests/spec_test.cc says so).
    articles.push({ id: line.slice(0, colon), title, markdown: rest.replaceAll('\\n', '\n') });
  }
  return { query, articles };
}
