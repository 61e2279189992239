// The list's articles in list order (newest first), whichever way the corpus arrives:
// - one corpus.json: every summary is in memory from the start (Listing.whole);
// - a sharded site (issue 8, src/site/FORMAT.md): only the count (`size`) is known up front, and
//   summaries arrive a range at a time from folio.articles({ offset, limit }) as the list shows
//   them (Listing.paged). folio.js fetches the list pages covering a range and prefetches the
//   next, so a reader who scrolls to the end downloads the pages they pass, not all of them
//   (tests/browser: a sharded site in the viewer lists every article ...).

// Rows asked for at a time; a missing run of chunks is asked for in one call. Smaller than a
// list page (200), so a jump far down asks only for what is around the rows drawn there.
const chunkRows = 50;

// The summary fields the viewer reads as text; a list page is data from the site's host, so a
// field of another type becomes "" rather than reaching a formatter (the worker's early list
// filters single-file entries the same way).
const textFields = ['id', 'title', 'author', 'date', 'summary', 'lang'];

export class Listing {
  /** Every summary, already in list order. */
  static whole(articles) {
    const listing = new Listing(articles.length, null);
    articles.forEach((article, index) => listing.put(index, article));
    return listing;
  }

  /** `count` summaries fetched on demand by `fetchRange(offset, limit)` (a promise of an array). */
  static paged(count, fetchRange) {
    return new Listing(count, fetchRange);
  }

  constructor(count, fetchRange) {
    this.count = Math.max(0, Math.trunc(Number(count)) || 0);
    this.fetchRange = fetchRange;
    this.items = new Array(this.count);
    this.byId = new Map();
    this.position = new Map();
    this.chunks = new Map(); // chunk -> promise, for chunks asked for (kept once they arrived)
    /** Called with (from, to) when rows from..to-1 have arrived. */
    this.onArrive = null;
  }

  /** The summary of row `index`, or undefined while it has not arrived. */
  at(index) {
    return this.items[index];
  }

  /** The summaries that have arrived, in list order (for guessing the corpus's language). */
  sample() {
    return this.items.filter(Boolean);
  }

  put(index, article) {
    if (!article || typeof article !== 'object' || typeof article.id !== 'string' || !article.id) return;
    let entry = article;
    if (textFields.some((key) => article[key] != null && typeof article[key] !== 'string')) {
      entry = { ...article };
      for (const key of textFields) if (entry[key] != null && typeof entry[key] !== 'string') entry[key] = '';
    }
    this.items[index] = entry;
    if (!this.byId.has(entry.id)) {
      this.byId.set(entry.id, entry);
      this.position.set(entry.id, index);
    }
  }

  /**
   * Rows from `offset` that arrived another way (a sharded site's first list page, before the
   * core is ready): they count as fetched, so ensure() does not ask for them again.
   */
  seed(offset, articles) {
    articles.forEach((article, i) => this.put(offset + i, article));
    const end = Math.min(offset + articles.length, this.count);
    for (let c = Math.ceil(offset / chunkRows); c * chunkRows < end; c++) {
      if ((c + 1) * chunkRows <= end || end === this.count) this.chunks.set(c, Promise.resolve());
    }
  }

  /** Resolves once rows from..to-1 are here (at once for a whole list); rejects if a fetch fails. */
  ensure(from, to) {
    if (!this.fetchRange) return Promise.resolve();
    const first = Math.floor(Math.max(0, from) / chunkRows);
    const last = Math.floor((Math.min(to, this.count) - 1) / chunkRows);
    let run = -1;
    for (let c = first; c <= last + 1; c++) {
      const missing = c <= last && !this.chunks.has(c);
      if (missing && run < 0) run = c;
      if (!missing && run >= 0) {
        this.fetchChunks(run, c - 1);
        run = -1;
      }
    }
    const waits = [];
    for (let c = first; c <= last; c++) waits.push(this.chunks.get(c));
    return Promise.all(waits).then(() => {});
  }

  fetchChunks(firstChunk, lastChunk) {
    const offset = firstChunk * chunkRows;
    const end = Math.min((lastChunk + 1) * chunkRows, this.count);
    const pending = Promise.resolve(this.fetchRange(offset, end - offset)).then((list) => {
      if (!Array.isArray(list)) throw new TypeError('the list of articles is not an array');
      list.slice(0, end - offset).forEach((article, i) => this.put(offset + i, article));
      this.onArrive?.(offset, end);
    });
    for (let c = firstChunk; c <= lastChunk; c++) {
      // A failed fetch is forgotten, so showing those rows again asks again.
      this.chunks.set(c, pending.catch((error) => {
        this.chunks.delete(c);
        throw error;
      }));
    }
  }
}
