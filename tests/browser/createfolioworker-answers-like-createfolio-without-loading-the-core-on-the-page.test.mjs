// createFolioWorker (folio.js) gives the same answers as createFolio, from a module Web Worker,
// under the strict CSP; the page's own thread never downloads the WASM glue; errors keep their
// codes; close() ends it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openViewer, viewerReady } from '../support/browser.mjs';

let site;
let failing; // a second browser for the calls that fail on purpose, whose console has their 404s

before(async () => {
  site = await openViewer();
  await site.page.goto(site.url);
  await viewerReady(site.page);
  failing = await openViewer();
  await failing.page.goto(failing.url);
  await viewerReady(failing.page);
});
after(async () => Promise.all([site?.close(), failing?.close()]));

test('the viewer\'s page thread never loads folio-core.js; its worker does', async () => {
  const { page } = site;
  const pageResources = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  assert.ok(!pageResources.includes('/folio-core.js'), JSON.stringify(pageResources));
  assert.ok(!pageResources.includes('/folio-core.wasm'));
  assert.ok(site.requests.includes('/folio-core.js') && site.requests.includes('/folio-worker.js'));
});

test('articles, article, render, renderMarkdown and search answer as createFolio does', async () => {
  const { page } = site;
  const same = await page.evaluate(async () => {
    const { createFolio, createFolioWorker } = await import('/folio.js');
    const phases = [];
    const early = [];
    const [inPage, inWorker] = await Promise.all([
      createFolio({ corpusUrl: '/corpus.json' }),
      createFolioWorker({
        corpusUrl: '/corpus.json',
        onProgress: (p) => phases.push(p.phase),
        onArticles: (list) => early.push(...list.map((a) => a.id)),
      }),
    ]);
    const pairs = {
      version: [inPage.version, inWorker.version],
      articles: [inPage.articles(), await inWorker.articles()],
      article: [inPage.article('17254'), await inWorker.article('17254')],
      missing: [inPage.article('nope'), await inWorker.article('nope')],
      render: [inPage.render('17254'), await inWorker.render('17254')],
      markdown: [inPage.renderMarkdown('**微信**'), await inWorker.renderMarkdown('**微信**')],
      search: [inPage.search('微信', { limit: 3 }), await inWorker.search('微信', { limit: 3 })],
      diagnostics: [inPage.diagnostics, inWorker.diagnostics],
    };
    inPage.close();
    inWorker.close();
    let closedCode = null;
    await inWorker.search('x').catch((e) => {
      closedCode = `${e.name}:${e.code}`;
    });
    return { pairs, phases: [...new Set(phases)], early, closedCode, methods: Object.keys(inWorker).sort() };
  });
  for (const [name, [expected, actual]] of Object.entries(same.pairs)) assert.deepEqual(actual, expected, name);
  assert.ok(same.pairs.search[0].hits.length > 0);
  assert.deepEqual(same.phases, ['download', 'parse', 'index', 'ready']);
  assert.deepEqual(same.early.sort(), same.pairs.articles[0].map((a) => a.id).sort());
  assert.equal(same.closedCode, 'FolioError:closed');
  for (const method of ['article', 'articles', 'close', 'render', 'renderMarkdown', 'search']) {
    assert.ok(same.methods.includes(method), method);
  }
});

test('errors keep their codes: a missing file, a broken corpus, another version', async () => {
  const { page } = failing;
  const codes = await page.evaluate(async () => {
    const { createFolioWorker } = await import('/folio.js');
    const code = (options) => createFolioWorker(options).then(() => 'resolved', (e) => `${e.name}:${e.code}`);
    return [
      await code({ corpusUrl: '/no-such-corpus.json' }),
      await code({ corpus: '{"format": "folio-corpus", "version": 1, "articles": [' }),
      await code({ corpus: { format: 'folio-corpus', version: 99, articles: [] } }),
      await code({ corpusUrl: '/corpus.json', workerUrl: '/no-such-worker.js' }),
    ];
  });
  assert.deepEqual(codes, ['FolioError:io.unreadable', 'FolioError:corpus.syntax', 'FolioError:corpus.format', 'FolioError:worker']);
});

test('the console is empty (the failing browser\'s holds only the 404s asked for)', () => {
  assert.deepEqual(site.console, []);
  assert.deepEqual(failing.console.filter((line) => !/404 \(Not Found\)/.test(line)), []);
});
