// web/README.md's examples, written against folio.d.ts: tsc --strict must accept them
// (tests/js/folio-d-ts-types-the-documented-examples.test.mjs).
import { createFolio, createFolioWorker, FolioError, preloadCore } from '../../../web/folio.js';
import type { ArticleSummary, FolioProgress, FolioViewerElement, SearchResult } from '../../../web/folio.js';

export async function onThePage(): Promise<string[]> {
  // corpusUrl may name a sharded site (issue 8): awaiting each corpus method serves both layouts.
  const folio = await createFolio({ corpusUrl: 'corpus.json', render: { cjkEmphasis: true } });
  const articles: ArticleSummary[] = await folio.articles();
  const seed = await folio.article('17254');
  const tags: string[] = seed ? seed.tags : [];
  const html: string | null = await folio.render('17254');
  const toc = (await folio.renderArticle('17254'))?.toc.map((entry) => `${entry.level} ${entry.id} ${entry.text}`) ?? [];
  const result: SearchResult = await folio.search('微信', { limit: 10, sort: 'newest', prefix: true, snippets: false });
  const years = result.facets.year.map((facet) => `${facet.value}: ${facet.count}`);
  const many: string[] = folio.renderMany(['# a', '*b*'], { commonmark: true });
  const source: 'file' | 'built' | 'sharded' = folio.indexSource;
  const size = folio.sharded ? folio.size : articles.length;
  folio.close();
  return [...articles.map((a) => a.id), ...tags, html ?? '', ...toc, ...years, ...many, source, folio.version, String(size)];
}

export async function deepLinkFirst(id: string): Promise<string | null> {
  // A sharded site fetches what the first view needs while the module compiles.
  await preloadCore();
  const folio = await createFolio({ corpusUrl: 'corpus.json', prefetch: { list: true, index: false, article: id } });
  return folio.render(id);
}

export async function fromData(corpus: string): Promise<number> {
  // A corpus given as data is one corpus.json: its Folio answers at once.
  const folio = await createFolio({ corpus });
  const first: ArticleSummary | undefined = folio.articles()[0];
  const total: number = folio.search('OTT').total;
  const site: string = folio.site().title;
  folio.close();
  return total + (first ? 1 : 0) + site.length;
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

export async function pagedInAWorker(): Promise<string[]> {
  const folio = await createFolioWorker({ corpusUrl: 'corpus.json' });
  // A sharded site gives its count and the list a range at a time; one corpus.json gives it all.
  const first: ArticleSummary[] = folio.sharded ? await folio.articles({ offset: 0, limit: 50 }) : await folio.articles();
  const size: number = folio.sharded ? folio.size : first.length;
  folio.close();
  return [...first.map((a) => a.id), String(size)];
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
