// Types for folio.js, the public JavaScript API of folio (reference: web/README.md).

/** Where the corpus comes from: give exactly one of `corpus` or `corpusUrl`. */
export interface FolioOptions {
  /** A corpus (src/corpus/FORMAT.md) as an object, JSON text, or UTF-8 bytes. */
  corpus?: object | string | ArrayBuffer | ArrayBufferView;
  /** A URL to fetch corpus.json from. */
  corpusUrl?: string | URL;
  /** The fetch to use for corpusUrl (default: globalThis.fetch). */
  fetch?: typeof fetch;
  /** The bytes of folio-core.wasm, for hosts that cannot fetch it (Node). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where folio-core.wasm lives (default: beside folio.js). */
  baseUrl?: string | URL;
  /**
   * The search index (folio-index.bin, src/index/FORMAT.md) as bytes, or false to build it from
   * the corpus. Default: fetched from `indexUrl`, else beside `corpusUrl`; when that fails the
   * index is built in the module.
   */
  index?: ArrayBuffer | Uint8Array | false;
  /** Where to fetch folio-index.bin (default: beside corpusUrl). */
  indexUrl?: string | URL;
  /**
   * How this corpus's articles render (render, renderArticle); each key overrides the corpus's
   * own `render` settings. Never trusted: see RenderOptions.
   */
  render?: ArticleRenderOptions;
  /**
   * A sharded site only: what to fetch while the module compiles, because the caller will ask
   * for it first (the viewer: its first route). `list`: the first list page; `index`: the index
   * head every search needs; `article`: what `article(id)`/`render(id)` read for that id. Only
   * warms caches; answers are the same. Default: nothing (createFolioWorker with `onArticles`:
   * `{ list: true }`). With `article` (and no `wasmBinary`), a sharded site renders with
   * folio-render.wasm and loads folio-site.wasm only when a search needs it.
   */
  prefetch?: { list?: boolean; index?: boolean; article?: string };
  /**
   * What `corpusUrl` is, if the caller knows (the viewer: its `layout` attribute, which
   * `folio build` writes): the module that layout needs then starts downloading before the
   * entry is read (see firstModule). A wrong value costs bytes, never answers.
   */
  layout?: 'single' | 'sharded';
  /**
   * A sharded site only: called once with the article count and the first list page as soon as
   * they are fetched, before the WASM core has compiled and before createFolio resolves, so a
   * list can paint without waiting for the core. The same rows `articles()` returns later.
   * Not called for one corpus.json (see `onArticles` of createFolioWorker) or when the first
   * list page cannot be fetched (createFolio then rejects or `articles()` reports it).
   */
  onFirstPage?(page: FirstListPage): void;
}

/** A sharded site's article count and its first list page (newest first). */
export interface FirstListPage {
  readonly size: number;
  readonly articles: readonly ArticleSummary[];
}

/** Options for the articles of a corpus. */
export interface ArticleRenderOptions {
  /** Emphasis next to full-width CJK punctuation (commonmark-spec#650); default false. */
  cjkEmphasis?: boolean;
  /** Resolve relative link and image URLs against this absolute http(s) URL. */
  baseUrl?: string;
}

/** Options for Markdown the calling code hands over (renderMarkdown, renderDocument, renderMany). */
export interface RenderOptions extends ArticleRenderOptions {
  /**
   * true: raw HTML is written as it is and URLs are not checked, as CommonMark says. Only for
   * Markdown you wrote yourself: it can run script in your page. Default false (safe), unless
   * folio was built with -DFOLIO_TRUSTED_HTML=ON; false then forces safe mode.
   */
  trusted?: boolean;
  /** CommonMark only: no GitHub extensions and none of folio's reader extras. */
  commonmark?: boolean;
  /** false: no heading ids, rel="noopener noreferrer" or loading="lazy". Default true. */
  readerExtras?: boolean;
}

/** One heading of a rendered document. */
export interface TocEntry {
  /** 1 for <h1> ... 6 for <h6>. */
  level: number;
  /** The heading's id attribute: unique in the document, the same in every build. */
  id: string;
  /** The heading as plain text. */
  text: string;
}

export interface RenderedDocument {
  html: string;
  /** Every heading, in document order. */
  toc: TocEntry[];
}

/** An article's metadata (the article model: README, "The article model"). */
export interface ArticleSummary {
  id: string;
  title: string;
  /** The authors joined with ", ". */
  author: string;
  authors: string[];
  /** ISO 8601 with offset ("2013-07-15T18:10:00+08:00"), or "" when unknown. */
  date: string;
  /** ISO 8601 with offset, or "". */
  updated: string;
  /** The original link (http or https only), or "". */
  url: string;
  tags: string[];
  categories: string[];
  /** Plain text (never HTML): escape it before inserting it as markup. */
  summary: string;
  lang: string;
  /** Cover image: an http(s) URL or a path relative to the site, or "". */
  image: string;
  /** Always false in a site built without --drafts. */
  draft: boolean;
  reading_minutes: number;
  cjk_chars: number;
  latin_words: number;
  source: string;
}

/** What article(id) returns: the summary plus every other front-matter field, typed. */
export interface ArticleDetails extends ArticleSummary {
  meta: { [key: string]: unknown };
}

export interface SearchHit {
  id: string;
  title: string;
  /** The article's date as written in its source ("" when it has none). */
  date: string;
  author: string;
  tags: string[];
  /** Escaped plain text with the matches wrapped in <mark>; safe to assign to innerHTML. */
  snippet: string;
  /** BM25F relevance (higher is better), identical in the CLI and in the browser. */
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  /** How many articles match in all (hits holds one page of them). */
  total: number;
  offset: number;
  limit: number;
  hits: SearchHit[];
  /**
   * Counts over all `total` matches: authors and tags most frequent first, years newest first;
   * at most 100 values each. Add `author:…`, `tag:…` or `year:…` to the query to narrow.
   */
  facets: { author: FacetCount[]; year: FacetCount[]; tag: FacetCount[] };
}

export interface SearchOptions {
  /** Hits per page (default 20). */
  limit?: number;
  /** Hits to skip (default 0). */
  offset?: number;
  /** 'relevance' (default; newest first on ties), 'newest' or 'oldest'. */
  sort?: 'relevance' | 'newest' | 'oldest';
  /** The last word may be unfinished (search while typing); a trailing space ends it. */
  prefix?: boolean;
  /** false: hits without snippets ("" instead), for callers that only count or list ids. */
  snippets?: boolean;
  /**
   * English stemming: true matches a bare English word by its Snowball stem ("phones" finds
   * "phone"), false only the word itself; unset, the site's choice (`folio build --stem english`).
   * A sharded site built without it has no stem keys (src/index/FORMAT.md): true matches exact words there.
   */
  stem?: boolean;
}

export interface Diagnostic {
  /** `source:line:column: code: message` */
  text: string;
  /** A stable code from src/folio/error.h, such as "corpus.article". */
  code: string;
}

export interface SiteInfo {
  readonly title: string;
  /** BCP 47 language tag of the site: "zh", "en", "zh-Hant". */
  readonly lang: string;
}

export interface Folio {
  readonly version: string;
  /** Problems met while loading: the entries named here were skipped, the rest loaded. */
  readonly diagnostics: readonly Diagnostic[];
  /** 'file' when folio-index.bin was used; 'built' when the index was built from the corpus. */
  readonly indexSource: 'file' | 'built';
  /** false: the corpus methods answer at once; a ShardedFolio's (`sharded: true`) return promises. */
  readonly sharded: false;
  /** The site's settings from `folio build` (--title, --lang); "" when unset. */
  site(): SiteInfo;
  articles(): ArticleSummary[];
  article(id: string): ArticleDetails | null;
  /** The article's body as safe HTML (nothing in it can run script), or null. */
  render(id: string): string | null;
  /** The article's body as safe HTML with its table of contents, or null. */
  renderArticle(id: string): RenderedDocument | null;
  /** Any Markdown as HTML: safe unless options.trusted is true. */
  renderMarkdown(markdown: string, options?: RenderOptions): string;
  /** Any Markdown as HTML with its table of contents. */
  renderDocument(markdown: string, options?: RenderOptions): RenderedDocument;
  /** Many Markdown documents in one call into WASM (the fastest way to render in bulk). */
  renderMany(markdowns: Iterable<string>, options?: RenderOptions): string[];
  search(query: string, options?: SearchOptions): SearchResult;
  /** Nothing to fetch for one corpus.json: resolves at once (see ShardedFolio.prepareSearch). */
  prepareSearch(): Promise<void>;
  /** Frees the WASM memory of this corpus; later calls throw a FolioError with code "closed". */
  close(): void;
}

/**
 * What createFolio resolves to when corpusUrl names a sharded site's entry (`folio build
 * --layout sharded`, src/site/FORMAT.md). Its corpus methods return promises: they fetch the
 * pieces they need (list pages, one article's record, the index shards of a query's terms) and
 * keep them for the session.
 */
export interface ShardedFolio {
  readonly version: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly indexSource: 'sharded';
  readonly sharded: true;
  /** How many articles the site holds. */
  readonly size: number;
  /** Metadata in list order (newest first); fetches only those list pages and prefetches the next. */
  articles(range?: { offset?: number; limit?: number }): Promise<ArticleSummary[]>;
  article(id: string): Promise<ArticleDetails | null>;
  render(id: string): Promise<string | null>;
  renderArticle(id: string): Promise<RenderedDocument | null>;
  renderMarkdown(markdown: string, options?: RenderOptions): string;
  renderDocument(markdown: string, options?: RenderOptions): RenderedDocument;
  renderMany(markdowns: Iterable<string>, options?: RenderOptions): string[];
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /**
   * Fetches what a first search needs (the index head; folio-site.wasm after a deep link, which
   * loaded folio-render.wasm only) without searching, so that a query typed next waits for
   * neither. The viewer calls it when its search box gets focus. Optional.
   */
  prepareSearch(): Promise<void>;
  /** The data/ files fetched so far ("name#offset+length" for byte ranges) and their bytes. */
  fetched(): { requests: number; bytes: number; files: string[] };
  close(): void;
}

export class FolioError extends Error {
  readonly code: string;
  readonly diagnostics: Diagnostic[];
}


/** Where createFolioWorker is in its work: bytes downloaded, then parse, index and ready. */
export interface FolioProgress {
  phase: 'download' | 'parse' | 'index' | 'ready';
  /** Bytes of the corpus and its search index received so far (phase "download"). */
  loaded?: number;
  /** Bytes expected, or 0 when the server did not say (or sent them compressed). */
  total?: number;
}

export interface FolioWorkerOptions extends Omit<FolioOptions, 'fetch'> {
  /** Called as the corpus downloads and the core parses and indexes it. */
  onProgress?(progress: FolioProgress): void;
  /**
   * Called once with every article's metadata (corpus.json's entries without their Markdown)
   * as soon as the corpus is parsed, before the search index is ready.
   */
  onArticles?(articles: ArticleSummary[]): void;
  /** Where folio-worker.js lives (default: beside folio.js). */
  workerUrl?: string | URL;
}

type Async<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};

/** A Folio whose core runs in a Web Worker: the same methods, each answering with a Promise. */
export interface SingleFolioWorker extends Async<Omit<Folio, 'close'>> {
  /** Stops the worker and frees everything it held; later calls reject with code "closed". */
  close(): void;
}

/**
 * A ShardedFolio in a Web Worker (`sharded: true`): `size` is the article count and
 * `articles({ offset, limit })` answers one range of the list at a time.
 */
export interface ShardedFolioWorker extends Async<Omit<ShardedFolio, 'close'>> {
  /** Stops the worker and frees everything it held; later calls reject with code "closed". */
  close(): void;
}

/** What createFolioWorker resolves to: tell a sharded site's from one corpus.json's by `sharded`. */
export type FolioWorker = SingleFolioWorker | ShardedFolioWorker;

/**
 * Loads a corpus in a module Web Worker and resolves once it is ready to search. Rejects with a
 * FolioError like createFolio, or with code "worker" when the worker cannot start.
 */
export function createFolioWorker(options: FolioWorkerOptions): Promise<FolioWorker>;

/** `<folio-viewer src="corpus.json">`, defined by app/folio-viewer.js (web/README.md, "Embedding"). */
export interface FolioViewerElement extends HTMLElement {
  /** The FolioWorker behind the viewer once its corpus is loaded; null before (and after removal). */
  readonly folio: FolioWorker | null;
}

/** The events <folio-viewer> dispatches (bubbling) on itself. */
export interface FolioViewerEventMap {
  'folio-progress': CustomEvent<FolioProgress>;
  'folio-ready': CustomEvent<{ folio: FolioWorker }>;
  'folio-error': CustomEvent<{ error: unknown }>;
}

declare global {
  interface HTMLElementTagNameMap {
    'folio-viewer': FolioViewerElement;
  }
}

/** A Folio for a corpus given as data: such a corpus is never sharded. */
export function createFolio(options: FolioOptions & { corpus: NonNullable<FolioOptions['corpus']> }): Promise<Folio>;
/**
 * A Folio for corpus.json, or a ShardedFolio when corpusUrl is a sharded site's entry (issue 8:
 * `folio build` shards past 5,000 articles). Tell them apart by `sharded`, or `await` every corpus
 * method: that code serves both layouts (web/README.md).
 */
export function createFolio(options: FolioOptions): Promise<Folio | ShardedFolio>;
/** The WASM modules (web/README.md): everything; a sharded site's search and rendering; rendering only. */
export type FolioModule = 'core' | 'site' | 'render';
/**
 * Starts downloading and compiling a WASM module (from `baseUrl`, default beside folio.js) for
 * later createFolio calls, e.g. while the caller is still fetching what to load. Optional.
 * `module`: default `'core'` (folio-core.wasm); firstModule says which one createFolio will use.
 */
export function preloadCore(options?: { baseUrl?: string | URL; module?: FolioModule }): Promise<void>;
/**
 * The module createFolio starts loading for these options before it has read the corpus, or
 * null when it waits for the entry (no `layout`, and `prefetch.article`).
 */
export function firstModule(options?: Pick<FolioOptions, 'wasmBinary' | 'layout' | 'prefetch'>): FolioModule | null;
