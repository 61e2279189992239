// The render benchmark inside Chromium: the same renderers and passes as
// bench/lib/render-node-worker.mjs, over the bodies of /site/corpus.json.
window.bench = {
  async run(passes) {
    const { createFolio } = await import('/site/folio.js');
    const folio = await createFolio({ corpus: { format: 'folio-corpus', version: 1, articles: [] } });
    const corpus = await (await fetch('/site/corpus.json')).json();
    const articles = corpus.articles.map((a) => a.markdown ?? '');
    const size = articles.reduce((a, b) => a + new TextEncoder().encode(b).length, 0);
    const repeat = Math.max(1, Math.ceil(2e6 / Math.max(1, size)));
    const bodies = Array.from({ length: repeat }, () => articles).flat();
    const md = window.markdownit();
    const parser = new window.commonmark.Parser();
    const writer = new window.commonmark.HtmlRenderer();
    const list = [
      ['folio-wasm', (s) => folio.renderMarkdown(s)],
      ['markdown-it', (s) => md.render(s)],
      ['marked', (s) => window.marked.parse(s)],
      ['commonmark', (s) => writer.render(parser.parse(s))],
    ];
    const out = {
      bytes: size * repeat,
      documents: articles.length,
      repeat,
      renderers: Object.fromEntries(list.map(([name]) => [name, []])),
    };
    for (const [, render] of list) for (const b of bodies) render(b);
    for (let p = 0; p < passes; p += 1) {
      for (let k = 0; k < list.length; k += 1) {
        const [name, render] = list[(p + k) % list.length];
        const t0 = performance.now();
        for (const b of bodies) render(b);
        out.renderers[name].push(performance.now() - t0);
      }
    }
    return out;
  },
};
