// web/README.md's examples, written against folio.d.ts: tsc --strict must accept them
// (tests/js/folio-d-ts-types-the-documented-examples.test.mjs).
import { createFolio, createFolioWorker, FolioError } from '../../../web/folio.js';
import type { ArticleSummary, FolioProgress, FolioViewerElement, SearchResult } from '../../../web/folio.js';

export async function onThePage(): Promise<string[]> {
  const folio = await createFolio({ corpusUrl: 'corpus.json', render: { cjkEmphasis: true } });
  const articles: ArticleSummary[] = folio.articles();
  const seed = folio.article('17254');
  const tags: string[] = seed ? seed.tags : [];
  const html: string | null = folio.render('17254');
  const toc = folio.renderArticle('17254')?.toc.map((entry) => `${entry.level} ${entry.id} ${entry.text}`) ?? [];
  const result: SearchResult = folio.search('微信', { limit: 10, sort: 'newest', prefix: true, snippets: false });
  const years = result.facets.year.map((facet) => `${facet.value}: ${facet.count}`);
  const many: string[] = folio.renderMany(['# a', '*b*'], { commonmark: true });
  const source: 'file' | 'built' = folio.indexSource;
  folio.close();
  return [...articles.map((a) => a.id), ...tags, html ?? '', ...toc, ...years, ...many, source, folio.version];
}

export async function inAWorker(): Promise<number> {
  const phases: FolioProgress['phase'][] = [];
  const folio = await createFolioWorker({
    corpusUrl: new URL('corpus.json', 'https://example.org/archive/'),
    onProgress: ({ phase, loaded = 0, total = 0 }) => { phases.push(phase); void (loaded / (total || 1)); },
    onArticles: (articles) => { void articles.length; },
  });
  const result = await folio.search('微信', { limit: 10 });
  const html: string | null = await folio.render('17254');
  folio.close();
  return result.total + (html?.length ?? 0) + phases.length;
}

export function embedded(): void {
  const viewer: FolioViewerElement | null = document.querySelector('folio-viewer');
  viewer?.addEventListener('folio-ready', () => {
    void viewer.folio?.search('OTT').then((result) => result.hits.map((hit) => hit.snippet));
  });
}

export async function failing(): Promise<string> {
  try {
    await createFolio({ corpus: '{}' });
    return '';
  } catch (error) {
    return error instanceof FolioError ? `${error.code}: ${error.diagnostics.map((d) => d.text).join('\n')}` : String(error);
  }
}
