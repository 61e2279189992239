// The viewer: a shell (header with search and theme toggle, progress bar, live region) and
// four views (list, article, search, not found) over createFolioWorker, the documented API:
// the WASM core runs in a Web Worker, so the page never blocks while a large corpus loads or a
// query runs. It uses nothing else of folio's, like any embedder.
import { createFolioWorker } from '../folio.js';
import { el, icon, setTrustedFolioHtml } from './dom.js';
import { dateKey, formatBytes, formatDate, formatNumber, machineDate } from './format.js';
import { highlightTerms, queryTerms } from './highlight.js';
import { chooseUiLanguage, corpusLanguage, guessLanguage, uiStrings } from './i18n.js';
import { Listing } from './listing.js';
import { articleHash, facetKeys, listHash, parseHash, searchHash } from './router.js';
import { VirtualList } from './virtual-list.js';

const themeKey = 'folio.theme';
// Results shown at a time ("More results" adds as many). Each hit of a sharded site costs a pack
// header and a record request: 10 instead of 20 took the first results at 100k articles from 2.29
// to 2.08 s (issue 8, median of 5); a screen shows fewer than 10 anyway.
const pageSize = 10;
const facetShown = 8;
const tocMinHeadings = 3;
const moonIcon = 'M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z';
const searchIcon = ['M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13z', 'M15.5 15.5 20 20'];

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((yes, no) => {
    resolve = yes;
    reject = no;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

// The query folio searches: the words typed plus the chosen facets in folio's query language.
function composeQuery(route) {
  const parts = [route.q.trim()];
  if (route.author) parts.push(`author:"${route.author.replace(/"/g, '')}"`);
  if (route.tag) parts.push(`tag:"${route.tag.replace(/"/g, '')}"`);
  if (/^\d{4}$/.test(route.year)) parts.push(`year:${route.year}`);
  return parts.filter(Boolean).join(' ');
}

const isHttp = (url) => /^https?:\/\//i.test(url ?? '');

export class Viewer {
  constructor(host, root, options) {
    this.host = host;
    this.root = root;
    this.options = options;
    this.page = options.page;
    this.folio = null;
    this.listing = null; // the articles in list order (listing.js), once known
    this.corpusLang = '';
    this.guessed = new WeakMap(); // article -> language guessed from its text
    this.ready = deferred();
    this.listed = deferred();
    this.memoryHash = '#/';
    this.scrollMemory = new Map();
    this.nextKey = 1;
    this.current = null;
    this.searchSeq = 0;
    this.inFlight = null;
    this.lastSearchHash = '';
    this.lastArticleId = '';
    this.listDeferred = false; // a sharded site opened at a search: its list waits (wantList)
    // The worker starts, and a sharded site's first list page is asked for, before the shell is
    // built: building it took ~0.2 s of the first paint on this machine (issue 8 probe).
    this.opening = this.open();
    this.opening.catch(() => {}); // load() reports it
    this.pickLanguage();
    this.buildShell();
    this.applyTheme();
    this.listen();
    this.route();
    this.load();
  }

  // ---- shell ---------------------------------------------------------------------------

  pickLanguage() {
    this.uiLang = this.options.uiLang === 'zh' || this.options.uiLang === 'en'
      ? this.options.uiLang
      : chooseUiLanguage(this.corpusLang, navigator.languages ?? [navigator.language]);
    this.t = uiStrings(this.uiLang);
    this.locales = [...(navigator.languages ?? []), this.uiLang];
  }

  buildShell() {
    const { page } = this;
    const style = el('link', { rel: 'stylesheet', href: this.options.styleUrl });
    this.frame = el('div', { class: page ? 'folio folio-page' : 'folio folio-embed', hidden: true });
    // Shown once folio.css has arrived, so the unstyled shell never flashes.
    style.addEventListener('load', () => this.frame.removeAttribute('hidden'));
    style.addEventListener('error', () => this.frame.removeAttribute('hidden'));

    this.skip = el('a', { class: 'skip', href: '#/' });
    this.brand = el('a', { class: 'brand', href: listHash() });
    this.input = el('input', {
      id: 'search-input', type: 'search', autocomplete: 'off', spellcheck: 'false',
      enterkeyhint: 'search', 'aria-controls': 'view', 'aria-keyshortcuts': '/',
    });
    this.searchLabel = el('label', { for: 'search-input', class: 'visually-hidden' });
    this.searchKey = el('kbd', { class: 'search-key', 'aria-hidden': 'true', text: '/' });
    this.form = el('form', { class: 'search', role: 'search' },
      this.searchLabel, icon(searchIcon, 'icon search-icon'), this.input, this.searchKey);
    this.themeButton = el('button', { type: 'button', class: 'theme-toggle' }, icon(moonIcon));
    this.header = el(page ? 'header' : 'div', { class: 'bar' },
      page ? this.skip : null,
      el('div', { class: 'bar-inner' }, this.brand, this.form, this.themeButton));

    this.progressBar = el('progress', { max: '1' });
    this.progressText = el('span', { class: 'progress-text' });
    this.progress = el('div', { class: 'progress', hidden: true }, this.progressBar, this.progressText);

    this.main = el(page ? 'main' : 'div', { id: 'view', class: 'view', tabindex: '-1' });
    if (!page) this.main.setAttribute('role', 'region');
    this.live = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });

    this.frame.append(this.header, this.progress, this.main, this.live);
    this.root.replaceChildren(style, this.frame);
    this.labelShell();
  }

  labelShell() {
    const { t } = this;
    this.frame.setAttribute('lang', this.uiLang);
    this.skip.textContent = t.skip;
    this.brand.textContent = t.brand;
    this.searchLabel.textContent = t.searchLabel;
    this.input.placeholder = t.searchPlaceholder;
    this.input.title = t.searchHint;
    this.themeButton.setAttribute('aria-label', t.themeDark);
    this.themeButton.title = t.themeDark;
    this.progressBar.setAttribute('aria-label', t.loadingLabel);
    if (!this.page) this.main.setAttribute('aria-label', t.brand);
    if (this.page) document.documentElement.lang = this.uiLang;
  }

  theme() {
    const fixed = this.host.getAttribute('theme');
    if (fixed === 'light' || fixed === 'dark') return fixed;
    let remembered = null;
    try {
      remembered = localStorage.getItem(themeKey);
    } catch {
      // storage may be off (private mode, sandboxed frames): follow the system then
    }
    if (remembered === 'light' || remembered === 'dark') return remembered;
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  applyTheme() {
    const theme = this.theme();
    this.frame.dataset.theme = theme;
    this.themeButton.setAttribute('aria-pressed', String(theme === 'dark'));
    // CSSOM, not a style attribute: allowed under style-src 'self'.
    if (this.page) document.documentElement.style.colorScheme = theme;
  }

  toggleTheme() {
    const next = this.theme() === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(themeKey, next);
    } catch {
      // not remembered, but still applied
    }
    if (this.host.hasAttribute('theme')) this.host.setAttribute('theme', next);
    this.applyTheme();
  }

  listen() {
    this.handlers = [];
    const on = (target, type, handler, options) => {
      target.addEventListener(type, handler, options);
      this.handlers.push(() => target.removeEventListener(type, handler, options));
    };
    this.themeButton.addEventListener('click', () => this.toggleTheme());
    this.skip.addEventListener('click', (event) => {
      event.preventDefault();
      this.main.focus();
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.openFirstHit();
    });
    this.input.addEventListener('input', () => this.typed());
    // A reader who reaches for the search box will search: what the first query needs (after a
    // deep link, folio-site and the index head) comes down while they type.
    this.input.addEventListener('focus', () => {
      this.ready.promise.then((folio) => folio.prepareSearch?.()).catch(() => {});
    });
    this.input.addEventListener('keydown', (event) => this.inputKey(event));
    this.root.addEventListener('keydown', (event) => this.viewKey(event));
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    on(scheme, 'change', () => this.applyTheme());
    if (this.options.routing === 'hash') {
      on(window, 'popstate', () => this.route());
      on(window, 'hashchange', () => this.route());
      if (this.page) history.scrollRestoration = 'manual';
    } else {
      this.root.addEventListener('click', (event) => this.memoryLink(event));
    }
    // `/` focuses the search: anywhere in the document for the page, inside the viewer when
    // embedded (the host page keeps its own keys).
    on(this.page ? document : this.host, 'keydown', (event) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.composedPath()[0];
      if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      this.input.focus();
      this.input.select();
    });
  }

  destroy() {
    this.destroyed = true;
    this.handlers.forEach((off) => off());
    this.list?.destroy();
    this.folio?.close();
  }

  // ---- loading -------------------------------------------------------------------------

  // Its callbacks come asynchronously, so after the constructor has built the shell; an error
  // (a bad src) rejects, and load() shows it.
  async open() {
    // What the first view will ask for comes down while the core compiles (a sharded site).
    const first = parseHash(this.currentHash());
    return createFolioWorker({
      corpusUrl: new URL(this.options.src, document.baseURI),
      // Which module to start with (folio.js firstModule, which takes any other value as none).
      layout: this.options.layout || undefined,
      prefetch: {
        list: first.name !== 'search',
        index: first.name === 'search',
        ...(first.name === 'article' ? { article: first.id } : {}),
      },
      onProgress: (progress) => this.showProgress(progress),
      onArticles: (articles) => this.receiveArticles(articles),
      // Only a list view paints from it; a search or an article opened by a link does not wait
      // for the list, so its thread is not given the work.
      ...(first.name === 'list' || first.name === 'foreign' ? { onFirstPage: (page) => this.receiveFirstPage(page) } : {}),
    });
  }

  async load() {
    this.showProgress({ phase: 'download', loaded: 0, total: 0 });
    let folio;
    try {
      folio = await this.opening;
      if (this.destroyed) {
        folio.close();
        return;
      }
      this.folio = folio;
      // A sharded site's first list page is part of loading a list or an article: a host that
      // cannot serve it fails here, with the error shown, rather than leaving a list of
      // placeholders. A search opened from a link leaves it until the list is wanted (issue 8:
      // it was 35 KB of the first query's bytes at 100k articles).
      if (!this.listing) {
        if (!folio.sharded) this.receiveArticles(await folio.articles());
        else if (this.current?.route.name === 'search') this.listDeferred = true;
        else await this.receivePages(folio);
      }
    } catch (error) {
      this.progress.hidden = true;
      this.ready.reject(error);
      this.listed.reject(error);
      this.showLoadError(error);
      this.emit('folio-error', { error });
      return;
    }
    this.progress.hidden = true;
    this.frame.classList.add('is-ready');
    this.ready.resolve(folio);
    this.emit('folio-ready', { folio });
  }

  // Events on the <folio-viewer> element, for the page around it (web/README.md).
  emit(type, detail) {
    this.host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
  }

  showProgress({ phase, loaded = 0, total = 0 }) {
    const { t } = this;
    // User Timing marks, for measuring (docs: issue-6 note): folio:parse, folio:index, folio:ready.
    if (phase !== this.phase) performance.mark(`folio:${phase}`);
    this.phase = phase;
    this.progress.hidden = phase === 'ready';
    if (phase === 'download' && total) {
      this.progressBar.value = loaded / total;
    } else {
      this.progressBar.removeAttribute('value'); // indeterminate
    }
    const size = (n) => formatBytes(n, this.locales);
    this.progressText.textContent =
      phase === 'download' ? t.downloading(size(loaded), total ? size(total) : '')
        : phase === 'parse' ? t.parsing
          : t.indexing;
    this.emit('folio-progress', { phase, loaded, total });
  }

  // One corpus.json: every summary at once, sorted newest first here.
  receiveArticles(list) {
    if (this.listing) return;
    performance.mark('folio:articles');
    const keyed = list.map((article, index) => ({ article, key: dateKey(article.date), index }));
    keyed.sort((a, b) => b.key - a.key || a.index - b.index);
    this.useListing(Listing.whole(keyed.map((entry) => entry.article)));
  }

  // A sharded site (issue 8): `size` articles, already newest first, fetched a range at a time
  // as the list shows them. The first rows come before the list is drawn, so its first screen
  // and the estimate of row heights are real rows (and the corpus's language is known).
  async receivePages(folio) {
    const listing = Listing.paged(folio.size, (offset, limit) => folio.articles({ offset, limit }));
    await listing.ensure(0, 1);
    // The first page may have come meanwhile by onFirstPage: the list drawn from that listing
    // keeps it (replacing it left the drawn rows waiting on a listing no longer read).
    if (this.listing) return;
    performance.mark('folio:articles');
    this.useListing(listing);
  }

  // A sharded site's first list page, before the core is ready (issue 8: at 100k articles the
  // core's compile was most of the list's first paint). Later rows wait for the folio.
  receiveFirstPage({ size, articles } = {}) {
    if (this.listing || this.destroyed || !Array.isArray(articles)) return;
    const listing = Listing.paged(size, async (offset, limit) => (await this.ready.promise).articles({ offset, limit }));
    listing.seed(0, articles);
    if (!listing.at(0)) return; // nothing usable: the list is fetched once the folio is ready
    performance.mark('folio:articles');
    this.useListing(listing);
  }

  // The list of a sharded site opened at a search, fetched when a view needs it.
  wantList() {
    if (!this.listDeferred) return;
    this.listDeferred = false;
    this.receivePages(this.folio).catch((error) => {
      this.listed.reject(error);
      if (this.current?.route.name === 'list') this.showLoadError(error);
    });
  }

  // Every way the list's rows arrive ends here; paged rows that arrive later are redrawn.
  useListing(listing) {
    listing.onArrive = (from, to) => this.list?.refresh(from, to);
    this.listing = listing;
    this.corpusLang = corpusLanguage(listing.sample());
    const before = this.uiLang;
    this.pickLanguage();
    if (before !== this.uiLang) this.labelShell();
    this.listed.resolve(listing);
  }

  showLoadError(error) {
    const { t } = this;
    const details = (error?.diagnostics ?? []).slice(0, 20).map((d) => el('li', { text: d.text ?? String(d) }));
    this.heading = el('h1', { tabindex: '-1', text: t.loadErrorTitle });
    this.main.replaceChildren(el('div', { class: 'notice' },
      this.heading,
      el('p', { text: String(error?.message ?? error) }),
      details.length ? el('ul', { class: 'diagnostics' }, ...details) : null));
    this.setTitle(t.loadErrorTitle);
  }

  // ---- routing -------------------------------------------------------------------------

  currentHash() {
    return this.options.routing === 'hash' ? location.hash : this.memoryHash;
  }

  /** Goes to `hash`; `replace` rewrites the current history entry instead of adding one. */
  navigate(hash, { replace = false, keepFocus = false } = {}) {
    if (this.options.routing === 'hash') {
      if (replace) history.replaceState(history.state, '', hash);
      else history.pushState(null, '', hash);
    } else {
      this.memoryHash = hash;
    }
    this.route({ keepFocus });
  }

  memoryLink(event) {
    const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement);
    const href = link?.getAttribute('href') ?? '';
    if (!href.startsWith('#/') || event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
    event.preventDefault();
    this.navigate(href);
  }

  // Each history entry gets a key (kept in history.state) under which its scroll position is
  // remembered, so back and forward return the reader to where they were.
  historyKey() {
    if (this.options.routing !== 'hash') return this.memoryHash;
    const key = history.state?.folioKey;
    if (key) return key;
    const fresh = `${Date.now()}-${this.nextKey++}`;
    history.replaceState({ ...(history.state ?? {}), folioKey: fresh }, '');
    return fresh;
  }

  route({ keepFocus = false, force = false } = {}) {
    const hash = this.currentHash();
    let route = parseHash(hash);
    if (route.name === 'foreign') {
      if (this.current) return; // an anchor of the page around the viewer
      route = { name: 'list' };
    }
    if (!force && this.current && this.current.hash === hash) return;
    const previous = this.current;
    if (previous) this.scrollMemory.set(previous.key, this.scrollPosition());
    // A facet or sort link that is clicked is drawn again by the new view: focus returns to it.
    const focusKey = this.root.activeElement?.dataset?.focusKey;
    const key = this.historyKey();
    this.current = {
      hash,
      route,
      key,
      token: {},
      initial: !previous,
      keepFocus: keepFocus || !!focusKey,
      focusKey,
      restore: this.scrollMemory.get(key),
    };
    if (route.name === 'article' && previous?.route.name === 'article' &&
        previous.route.id === route.id && previous.route.q === route.q && this.articleView?.isConnected) {
      this.current.token = previous.token;
      this.current.articleReady = previous.articleReady;
      this.scrollToHeading(route.heading, { focus: true });
      return;
    }
    if (route.name === 'search' && !route.q && !facetKeys.some((k) => route[k])) route.name = 'list';
    if (route.name !== 'search' && !keepFocus) this.input.value = route.q ?? '';
    if (route.name === 'list') this.showList();
    else if (route.name === 'article') this.showArticle(route);
    else if (route.name === 'search') this.showSearch(route);
    else this.showUnknown(route);
  }

  stale(token) {
    return this.destroyed || this.current?.token !== token;
  }

  scroller() {
    const host = this.host;
    return !this.page && host.scrollHeight > host.clientHeight ? host : null;
  }

  scrollPosition() {
    return this.scroller()?.scrollTop ?? window.scrollY;
  }

  scrollToPosition(y) {
    const scroller = this.scroller();
    if (scroller) scroller.scrollTop = y;
    else window.scrollTo(0, y);
  }

  // After a view is drawn: back/forward restore the old position; a new page starts at its
  // top; focus moves to the new view's heading (or stays in the search box while typing).
  settle({ focus } = {}) {
    const { current } = this;
    if (current.restore !== undefined) this.scrollToPosition(current.restore);
    else if (!current.initial) {
      const scroller = this.scroller();
      if (scroller) scroller.scrollTop = 0;
      else if (this.page) window.scrollTo(0, 0);
      else if (this.host.getBoundingClientRect().top < 0) this.host.scrollIntoView();
    }
    if (current.initial || current.keepFocus) return;
    const target = focus ?? this.heading;
    target?.focus({ preventScroll: current.restore !== undefined || target === this.heading });
  }

  setTitle(text) {
    if (this.page) document.title = text ? `${text} · folio` : 'folio';
  }

  announce(text) {
    // Re-set even when equal, so a repeated count is read again.
    this.live.textContent = '';
    this.live.textContent = text;
  }

  loadingView() {
    this.heading = el('h1', { class: 'placeholder', tabindex: '-1', text: this.t.loading });
    this.main.replaceChildren(el('div', { class: 'notice' }, this.heading));
  }

  // An article's language: its `lang`, else guessed from its text (CJK or not), else the corpus's.
  languageOf(article) {
    if (article.lang) return article.lang;
    let guessed = this.guessed.get(article);
    if (guessed === undefined) {
      guessed = guessLanguage(`${article.title ?? ''} ${article.summary ?? ''}`);
      this.guessed.set(article, guessed);
    }
    if (guessed) return guessed;
    return this.corpusLang && !/^(zh|ja|ko)\b/i.test(this.corpusLang) ? this.corpusLang : 'en';
  }

  // ---- list ----------------------------------------------------------------------------

  async showList() {
    const { token } = this.current;
    this.setTitle('');
    this.wantList();
    if (!this.listing) {
      this.loadingView();
      try {
        await this.listed.promise;
      } catch {
        return;
      }
      if (this.stale(token)) return;
    }
    const { t } = this;
    if (!this.listView || this.listView.lang !== this.uiLang) {
      this.list?.destroy();
      const ol = el('ol', { class: 'article-list', lang: this.corpusLang || null, 'aria-labelledby': 'list-heading' });
      const { listing } = this;
      const count = el('p', { class: 'list-count', text: t.articleCount(formatNumber(listing.count, this.locales)) });
      this.listHeading = el('h1', { id: 'list-heading', tabindex: '-1', text: t.articles });
      this.listView = el('section', { class: 'list-view', lang: this.uiLang },
        el('div', { class: 'list-head' }, this.listHeading, count), ol);
      this.list = new VirtualList(ol, {
        count: listing.count,
        renderRow: (index) => this.listRow(index),
        scroller: this.page ? null : this.host,
        // A failed page leaves its rows waiting; drawing them again asks again.
        onShow: listing.fetchRange ? (from, to) => listing.ensure(from, to).catch(() => {}) : null,
      });
    }
    this.heading = this.listHeading;
    this.main.replaceChildren(this.listView);
    this.list.update();
    if (!performance.getEntriesByName('folio:list').length) {
      requestAnimationFrame(() => performance.mark('folio:list'));
    }
    let focus = null;
    const back = this.listing.position.get(this.lastArticleId);
    if (back !== undefined && !this.current.initial) {
      if (this.current.restore === undefined) this.list.row(back)?.scrollIntoView({ block: 'center' });
      focus = this.list.row(back)?.querySelector('a');
    }
    this.settle({ focus });
    this.list.update();
  }

  listRow(index) {
    const article = this.listing.at(index);
    const { t } = this;
    if (!article) {
      // Not fetched yet (a sharded site): a placeholder the list redraws when it arrives.
      return el('li', { class: 'row pending', 'aria-busy': 'true' },
        el('p', { class: 'row-placeholder', text: t.loading }));
    }
    const lang = this.languageOf(article);
    const date = formatDate(article.date, this.locales);
    const meta = el('p', { class: 'meta' },
      article.author ? el('span', { class: 'author', text: article.author }) : null,
      date ? el('time', { datetime: machineDate(article.date), text: date }) : null);
    return el('li', { class: 'row', lang: lang !== this.corpusLang ? lang : null },
      el('a', { class: 'row-title', href: articleHash(article.id), text: article.title || t.untitled }),
      meta.childNodes.length ? meta : null,
      article.summary ? el('p', { class: 'summary', text: article.summary }) : null);
  }

  // ---- article -------------------------------------------------------------------------

  async showArticle(route) {
    const { token } = this.current;
    const done = deferred();
    this.current.articleReady = done.promise;
    this.loadingView();
    let folio;
    try {
      folio = await this.ready.promise;
    } catch {
      return;
    }
    if (this.stale(token)) return;
    const [meta, html] = await Promise.all([folio.article(route.id), folio.render(route.id), this.aroundInList(route.id)]);
    if (this.stale(token)) return;
    if (!meta || html === null) {
      this.showNotFound(route.id);
      return;
    }
    const { t } = this; // the words may have changed language once the corpus was known
    this.lastArticleId = route.id;
    const lang = this.languageOf(meta);
    this.heading = el('h1', { class: 'article-title', tabindex: '-1', text: meta.title || t.untitled });
    const body = setTrustedFolioHtml(el('div', { class: 'article-body' }), html);
    const article = el('article', { class: 'article', lang },
      el('header', { class: 'article-head' }, this.heading, this.articleMeta(meta), this.articleTags(meta)),
      body);

    const back = route.q && this.lastSearchHash
      ? el('a', { class: 'back', href: this.lastSearchHash, text: t.backToResults(route.q) })
      : el('a', { class: 'back', href: listHash(), text: t.backToList });
    const toc = this.tableOfContents(body, route);
    this.articleView = el('div', { class: toc ? 'article-view has-toc' : 'article-view' },
      el('nav', { class: 'crumbs', 'aria-label': t.backToList }, back),
      toc, article, this.neighbours(route.id));
    this.main.replaceChildren(this.articleView);
    this.setTitle(meta.title || t.untitled);

    const marks = route.q ? highlightTerms(body, queryTerms(route.q)) : [];
    if (marks.length) {
      const note = el('p', { class: 'hit-note', role: 'note' },
        el('span', { text: t.highlighted(formatNumber(marks.length, this.locales), route.q) }), ' ',
        el('a', { href: articleHash(route.id), text: t.clearHighlight }));
      article.querySelector('.article-head').append(note);
    }
    this.settle();
    if (route.heading) this.scrollToHeading(route.heading, { focus: false });
    else if (marks.length && this.current.restore === undefined) this.reveal(marks[0]);
    done.resolve();
  }

  articleMeta(meta) {
    const { t } = this;
    const parts = [];
    if (meta.author) parts.push(el('span', { class: 'author', text: meta.author }));
    const date = formatDate(meta.date, this.locales, { withTime: true });
    if (date) parts.push(el('time', { datetime: machineDate(meta.date), text: date }));
    const minutes = Number(meta.reading_minutes);
    if (Number.isFinite(minutes) && minutes > 0) parts.push(el('span', { class: 'reading', text: t.readingTime(formatNumber(minutes, this.locales)) }));
    if (isHttp(meta.url)) {
      parts.push(el('a', { class: 'original', href: meta.url, rel: 'noopener noreferrer external', target: '_blank', text: t.original }));
    }
    return parts.length ? el('p', { class: 'meta' }, ...parts) : null;
  }

  articleTags(meta) {
    const tags = Array.isArray(meta.tags) ? meta.tags.filter((tag) => typeof tag === 'string' && tag) : [];
    if (!tags.length) return null;
    return el('ul', { class: 'tags', 'aria-label': this.t.tags },
      ...tags.map((tag) => el('li', {}, el('a', { href: searchHash({ q: '', tag }), text: tag }))));
  }

  // Headings come with ids from folio's renderer (issue 4); any without one gets a local id
  // so the contents can link to it.
  tableOfContents(body, route) {
    const headings = [...body.querySelectorAll('h2, h3, h4')];
    if (headings.length < tocMinHeadings) return null;
    const top = Math.min(...headings.map((h) => Number(h.tagName[1])));
    const items = headings.map((heading, n) => {
      if (!heading.id) heading.id = `section-${n + 1}`;
      heading.setAttribute('tabindex', '-1');
      const link = el('a', { href: articleHash(route.id, { q: route.q, heading: heading.id }), text: heading.textContent });
      return el('li', { class: `toc-level-${Number(heading.tagName[1]) - top + 1}` }, link);
    });
    const list = el('ol', {}, ...items);
    const details = el('details', { class: 'toc-details', open: true },
      el('summary', { text: this.t.contents }), list);
    return el('nav', { class: 'toc', 'aria-label': this.t.contents }, details);
  }

  scrollToHeading(id, { focus }) {
    if (!id || !this.articleView) return;
    const heading = [...this.articleView.querySelectorAll('[id]')].find((node) => node.id === id);
    if (!heading) return;
    heading.scrollIntoView({ block: 'start' });
    if (focus) heading.focus({ preventScroll: true });
  }

  // Scrolls `node` to the middle of the screen unless it is already on it.
  reveal(node) {
    const box = node.getBoundingClientRect();
    const bottom = Math.min(window.innerHeight, this.scroller()?.getBoundingClientRect().bottom ?? Infinity);
    if (box.top < 0 || box.bottom > bottom) node.scrollIntoView({ block: 'center' });
  }

  // The rows before and after an article the list has shown, for its newer/older links (a
  // sharded site may not have fetched them yet). An article opened by a deep link before the
  // list reached it has no known place, and so no such links.
  async aroundInList(id) {
    this.wantList();
    try {
      const listing = await this.listed.promise;
      const index = listing.position.get(id);
      if (index !== undefined) await listing.ensure(index - 1, index + 2);
    } catch {
      // no neighbours then
    }
  }

  neighbours(id) {
    const index = this.listing?.position.get(id);
    if (index === undefined) return null;
    const { t } = this;
    const link = (article, label, rel, className) => article && el('a', { class: className, rel, href: articleHash(article.id) },
      el('span', { class: 'label', text: label }),
      el('span', { class: 'title', text: article.title || t.untitled, lang: this.languageOf(article) }));
    const newer = link(this.listing.at(index - 1), t.newer, 'prev', 'newer');
    const older = link(this.listing.at(index + 1), t.older, 'next', 'older');
    if (!newer && !older) return null;
    return el('nav', { class: 'neighbours', 'aria-label': t.moreArticles }, newer ?? el('span'), older ?? el('span'));
  }

  showNotFound(id) {
    const { t } = this;
    this.heading = el('h1', { tabindex: '-1', text: t.notFoundTitle });
    this.main.replaceChildren(el('div', { class: 'notice' },
      this.heading,
      el('p', { text: t.notFoundText(id) }),
      el('ul', { class: 'notice-links' },
        el('li', {}, el('a', { href: listHash(), text: t.backToList })),
        el('li', {}, el('a', { href: searchHash({ q: id }), text: t.searchFor(id) })))));
    this.setTitle(t.notFoundTitle);
    this.settle();
  }

  showUnknown() {
    const { t } = this;
    this.heading = el('h1', { tabindex: '-1', text: t.pageNotFoundTitle });
    this.main.replaceChildren(el('div', { class: 'notice' },
      this.heading,
      el('p', { text: t.pageNotFoundText }),
      el('p', {}, el('a', { href: listHash(), text: t.backToList }))));
    this.setTitle(t.pageNotFoundTitle);
    this.settle();
  }

  // ---- search --------------------------------------------------------------------------

  typed() {
    const route = this.current?.route.name === 'search' ? { ...this.current.route } : { q: '' };
    route.q = this.input.value;
    const empty = !route.q && !facetKeys.some((key) => route[key]);
    const onSearch = this.current?.route.name === 'search';
    // Typing rewrites one history entry instead of adding one per keystroke.
    this.navigate(empty ? listHash() : searchHash(route), { replace: onSearch, keepFocus: true });
  }

  showSearch(route) {
    const { t } = this;
    if (this.input.value !== route.q) this.input.value = route.q;
    this.lastSearchHash = this.current.hash;
    if (!this.searchView?.isConnected) {
      this.searchHeading = el('h1', { class: 'visually-hidden', tabindex: '-1', text: t.searchTitle });
      this.searchStatus = el('p', { class: 'search-status' });
      this.facetBox = el('div', { class: 'facets' });
      this.results = el('ol', { class: 'results', lang: this.corpusLang || null });
      this.moreButton = el('button', { type: 'button', class: 'more', hidden: true, text: t.moreResults });
      this.moreButton.addEventListener('click', () => this.runSearch(this.current.route, { append: true }));
      this.searchView = el('section', { class: 'search-view', 'aria-labelledby': 'search-heading' },
        this.searchHeading, this.searchStatus, this.facetBox, this.results, this.moreButton);
      this.searchHeading.id = 'search-heading';
      this.main.replaceChildren(this.searchView);
    }
    this.heading = this.searchHeading;
    this.setTitle(route.q || facetKeys.map((key) => route[key]).filter(Boolean).join(' · '));
    this.settle();
    this.runSearch(route);
  }

  async runSearch(route, { append = false } = {}) {
    const { token } = this.current;
    const seq = ++this.searchSeq;
    const { focusKey } = this.current;
    if (!this.folio) {
      this.searchStatus.textContent = this.t.searchPending;
      try {
        await this.ready.promise;
      } catch {
        return;
      }
    }
    const { t } = this;
    // One query at a time in the worker: while one runs, only the newest waiting one follows.
    while (this.inFlight) {
      await this.inFlight;
      if (seq !== this.searchSeq) return;
    }
    if (this.stale(token) && !append) return;
    const offset = append ? this.results.children.length : 0;
    const request = this.folio.search(composeQuery(route), {
      limit: pageSize, offset, prefix: true, ...(route.sort ? { sort: route.sort } : {}),
    });
    this.inFlight = request.then(() => {}, () => {});
    let result;
    try {
      result = await request;
    } catch (error) {
      this.inFlight = null;
      if (seq !== this.searchSeq) return;
      this.searchStatus.textContent = t.searchError(error.message);
      this.results.replaceChildren();
      this.facetBox.replaceChildren();
      this.moreButton.hidden = true;
      this.announce(this.searchStatus.textContent);
      return;
    } finally {
      this.inFlight = null;
    }
    if (seq !== this.searchSeq || this.stale(token)) return;
    const total = Number(result.total) || 0;
    const hits = Array.isArray(result.hits) ? result.hits : [];
    const items = hits.map((hit) => this.resultItem(hit, route));
    if (append) this.results.append(...items);
    else this.results.replaceChildren(...items);
    const shown = this.results.children.length;
    const count = formatNumber(total, this.locales);
    this.searchStatus.replaceChildren(...[
      el('span', { class: 'count', text: total ? t.results(count, route.q) : t.noResults(route.q) }),
      total ? null : el('span', { class: 'tips', text: t.searchTips }),
      this.sortControl(route, total)].filter(Boolean));
    if (!append) this.renderFacets(route, result.facets);
    this.moreButton.hidden = shown >= total || !hits.length;
    this.announce(total ? t.results(count, route.q) : t.noResults(route.q));
    if (append) items[0]?.querySelector('a')?.focus();
    else if (focusKey) {
      const again = [...this.root.querySelectorAll('[data-focus-key]')].find((node) => node.dataset.focusKey === focusKey);
      (again ?? this.heading)?.focus();
    }
  }

  resultItem(hit, route) {
    const known = this.listing?.byId.get(hit.id) ?? {};
    const author = hit.author || known.author;
    const dateText = hit.date || known.date;
    const date = formatDate(dateText, this.locales);
    const title = hit.title || known.title || this.t.untitled;
    const lang = this.languageOf({ ...known, title });
    const meta = el('p', { class: 'meta' },
      author ? el('span', { class: 'author', text: author }) : null,
      date ? el('time', { datetime: machineDate(dateText), text: date }) : null);
    return el('li', { class: 'result', lang: lang !== this.corpusLang ? lang : null },
      el('a', { class: 'result-title', href: articleHash(hit.id, { q: route.q }), text: title }),
      meta.childNodes.length ? meta : null,
      hit.snippet ? setTrustedFolioHtml(el('p', { class: 'snippet' }), hit.snippet) : null);
  }

  sortControl(route, total) {
    if (!total) return null;
    const { t } = this;
    const option = (sort, label) => el('a', {
      href: searchHash({ ...route, sort }),
      'aria-current': (route.sort || '') === sort ? 'true' : null,
      'data-focus-key': `sort:${sort}`,
      text: label,
    });
    return el('span', { class: 'sort', role: 'group', 'aria-label': t.sortLabel },
      option('', t.sortRelevance), option('newest', t.sortNewest));
  }

  renderFacets(route, facets) {
    const { t } = this;
    const groups = [];
    for (const key of facetKeys) {
      const values = Array.isArray(facets?.[key]) ? facets[key] : [];
      const chosen = route[key];
      if (!values.length && !chosen) continue;
      const shown = values.slice(0, facetShown);
      if (chosen && !shown.some((v) => String(v.value) === chosen)) shown.unshift({ value: chosen, count: null });
      const links = shown.map(({ value, count }) => {
        const text = String(value);
        const selected = text === chosen;
        return el('li', {}, el('a', {
          href: searchHash({ ...route, [key]: selected ? '' : text }),
          'aria-current': selected ? 'true' : null,
          'aria-label': selected ? t.removeFilter(t.facet[key], text) : null,
          'data-focus-key': `${key}:${text}`,
        }, el('span', { class: 'facet-value', text }),
        count === null || count === undefined ? null : el('span', { class: 'facet-count', text: formatNumber(count, this.locales) })));
      });
      groups.push(el('div', { class: 'facet', role: 'group', 'aria-label': t.facet[key] },
        el('h2', { class: 'facet-name', text: t.facet[key] }), el('ul', {}, ...links)));
    }
    this.facetBox.replaceChildren(...(groups.length ? [el('nav', { 'aria-label': t.filters }, ...groups)] : []));
  }

  openFirstHit() {
    const first = this.results?.isConnected && this.results.querySelector('a');
    if (first) this.navigate(first.getAttribute('href'));
  }

  // ---- keys ----------------------------------------------------------------------------

  inputKey(event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (this.input.value) {
        this.input.value = '';
        this.typed();
      }
    } else if (event.key === 'ArrowDown') {
      const first = this.moveTargets()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  // The links arrows move between: search results, or the article list's rows.
  moveTargets() {
    if (this.results?.isConnected) return [...this.results.querySelectorAll('.result-title')];
    if (this.listView?.isConnected) return [...this.listView.querySelectorAll('.row-title')];
    return [];
  }

  viewKey(event) {
    const target = event.composedPath()[0];
    if (!(target instanceof HTMLAnchorElement) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Escape' && target.closest('.results')) {
      event.preventDefault();
      this.input.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const row = target.closest('.row');
    if (row && this.list) {
      event.preventDefault();
      const next = this.list.row(Number(row.dataset.index) + step)?.querySelector('.row-title');
      if (next) next.focus();
      else if (step < 0) this.input.focus();
      return;
    }
    const targets = this.moveTargets();
    const at = targets.indexOf(target);
    if (at < 0) return;
    event.preventDefault();
    if (at + step < 0) this.input.focus();
    else targets[at + step]?.focus();
  }
}
