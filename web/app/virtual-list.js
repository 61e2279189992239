// A windowed list for tens of thousands of rows: only the blocks of rows near the viewport are
// in the DOM; the rest are represented by the list's padding, from measured block heights (or
// an estimate until a block has been seen). Rows may differ in height (titles wrap), so heights
// are measured per block of rows, never assumed. Works whether the page scrolls or an ancestor
// does (the embedded viewer with a fixed height), because it only compares the list's box with
// the visible part of the window. Screen readers get each row's place through aria-setsize /
// aria-posinset (tests/browser: the list of 50,000 articles ...).
// Rows whose data has not arrived yet (a sharded site's list pages, issue 8) are drawn as
// placeholders marked aria-busy, as tall as the estimate; `onShow` tells the owner which rows are
// drawn so it can fetch them, and `refresh` redraws them when they arrive.

const blockSize = 40;
const marginScreens = 1; // render this many viewport heights above and below

export class VirtualList {
  /**
   * @param {HTMLOListElement} list  an empty <ol>; its rows are <li> made by renderRow(index)
   * @param {{ count: number, renderRow: (index: number) => HTMLLIElement, scroller?: Element,
   *   onShow?: (from: number, to: number) => void }} options  renderRow may return a placeholder
   *   (aria-busy="true"); onShow(from, to) is called with the rows drawn (to excluded)
   */
  constructor(list, { count, renderRow, scroller = null, onShow = null }) {
    this.list = list;
    this.count = count;
    this.renderRow = renderRow;
    this.scroller = scroller;
    this.onShow = onShow;
    this.blocks = Math.ceil(count / blockSize);
    this.heights = new Float64Array(this.blocks);
    this.measured = new Uint8Array(this.blocks);
    this.rowEstimate = 96;
    this.estimated = false;
    this.first = 0;
    this.last = -1; // rendered blocks first..last
    this.rendered = new Map(); // block -> [li]
    this.frame = 0;
    this.onScroll = () => this.schedule();
    for (let b = 0; b < this.blocks; b++) this.heights[b] = this.rowEstimate * this.rowsIn(b);
    list.setAttribute('role', 'list');
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onScroll, { passive: true });
    scroller?.addEventListener('scroll', this.onScroll, { passive: true });
    this.resizeObserver = new ResizeObserver(() => this.remeasure());
    this.resizeObserver.observe(list);
    this.width = 0;
  }

  rowsIn(block) {
    return Math.min(blockSize, this.count - block * blockSize);
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  destroy() {
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onScroll);
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.resizeObserver.disconnect();
    cancelAnimationFrame(this.frame);
  }

  // The part of the list (in its own coordinates) that is on screen, or null when detached.
  visibleRange() {
    if (!this.list.isConnected) return null;
    const box = this.list.getBoundingClientRect();
    let top = 0;
    let bottom = window.innerHeight;
    if (this.scroller) {
      const outer = this.scroller.getBoundingClientRect();
      top = Math.max(top, outer.top);
      bottom = Math.min(bottom, outer.bottom);
    }
    return { top: top - box.top, bottom: bottom - box.top, height: Math.max(0, bottom - top) };
  }

  blockAt(offset) {
    let y = 0;
    for (let b = 0; b < this.blocks; b++) {
      y += this.heights[b];
      if (y > offset) return b;
    }
    return this.blocks - 1;
  }

  offsetOf(block) {
    let y = 0;
    for (let b = 0; b < block; b++) y += this.heights[b];
    return y;
  }

  /** Renders the blocks the viewport needs; cheap when nothing changed. */
  update() {
    if (!this.blocks) return;
    // Measuring new blocks corrects the heights above them, which can move the rows just drawn
    // away from the viewport after a long jump: draw again until the rows cover it (a few
    // rounds at most, as each round measures more of the list).
    for (let round = 0; round < 4; round++) {
      const view = this.visibleRange();
      if (!view) return;
      const margin = Math.max(view.height, 400) * marginScreens;
      const first = this.blockAt(Math.max(0, view.top - margin));
      const last = this.blockAt(Math.max(0, view.bottom + margin));
      if (first === this.first && last === this.last) return;
      this.renderBlocks(first, last);
    }
  }

  renderBlocks(first, last) {
    if (first === this.first && last === this.last) return;
    const anchor = this.anchor();
    const overlap = this.last >= this.first && first <= this.last && last >= this.first;
    if (!overlap) {
      for (const rows of this.rendered.values()) rows.forEach((row) => row.remove());
      this.rendered.clear();
      this.list.append(...this.make(first, last));
    } else {
      for (let b = this.first; b < first; b++) this.drop(b);
      for (let b = this.last; b > last; b--) this.drop(b);
      if (first < this.first) this.list.prepend(...this.make(first, this.first - 1));
      if (last > this.last) this.list.append(...this.make(this.last + 1, last));
    }
    this.first = first;
    this.last = last;
    this.measure();
    this.keep(anchor);
    this.onShow?.(first * blockSize, Math.min(this.count, (last + 1) * blockSize));
  }

  /** Redraws the drawn rows among from..to-1 (their data arrived), keeping the reader's place. */
  refresh(from, to) {
    const anchor = this.anchor();
    let changed = false;
    for (const [b, rows] of this.rendered) {
      const start = b * blockSize;
      if (start >= to || start + rows.length <= from) continue;
      const fresh = rows.map((row, i) => {
        if (start + i < from || start + i >= to) return row;
        const again = this.makeRow(start + i);
        row.replaceWith(again);
        return again;
      });
      this.rendered.set(b, fresh);
      this.measured[b] = 0;
      changed = true;
    }
    if (!changed) return;
    this.measure();
    this.keep(anchor);
    this.schedule();
  }

  // The first row on screen and where it is, so that corrected heights above it never move
  // what the reader is looking at. (CSS scroll anchoring is off for the list: changing its
  // padding would suppress it.)
  anchor() {
    const view = this.visibleRange();
    if (!view) return null;
    const top = this.list.getBoundingClientRect().top + view.top;
    for (const rows of this.rendered.values()) {
      for (const row of rows) {
        const box = row.getBoundingClientRect();
        if (box.bottom > top) return { row, top: box.top, index: Number(row.dataset.index) };
      }
    }
    return null;
  }

  keep(anchor) {
    if (!anchor) return;
    // A placeholder that was redrawn is followed by the row now at its index.
    const row = anchor.row.isConnected ? anchor.row : this.drawnRow(anchor.index);
    if (!row?.isConnected) return;
    const delta = row.getBoundingClientRect().top - anchor.top;
    if (Math.abs(delta) < 0.5) return;
    const scroller = this.scroller;
    if (scroller && scroller.scrollHeight > scroller.clientHeight) scroller.scrollTop += delta;
    else window.scrollBy(0, delta);
  }

  make(fromBlock, toBlock) {
    const rows = [];
    for (let b = fromBlock; b <= toBlock; b++) {
      const blockRows = [];
      const start = b * blockSize;
      for (let i = start; i < start + this.rowsIn(b); i++) blockRows.push(this.makeRow(i));
      this.rendered.set(b, blockRows);
      rows.push(...blockRows);
    }
    return rows;
  }

  makeRow(index) {
    const row = this.renderRow(index);
    row.setAttribute('aria-setsize', this.count);
    row.setAttribute('aria-posinset', index + 1);
    row.dataset.index = index;
    // CSSOM, not a style attribute (allowed under style-src 'self'): a placeholder takes the
    // room its row is expected to take, so the list does not jump when the row arrives.
    if (isPending(row)) row.style.height = `${this.rowEstimate}px`;
    return row;
  }

  drawnRow(index) {
    const block = Math.floor(index / blockSize);
    return this.rendered.get(block)?.[index - block * blockSize] ?? null;
  }

  drop(block) {
    this.rendered.get(block)?.forEach((row) => row.remove());
    this.rendered.delete(block);
  }

  // Measures the rendered blocks, updates the estimate for unseen ones, and sets the padding
  // that stands for the rows outside the DOM. Chromium's scroll anchoring keeps the rows on
  // screen still when a height above them is corrected.
  measure() {
    let sum = 0;
    let rows = 0;
    for (const [b, blockRows] of this.rendered) {
      if (this.measured[b]) continue; // a block's rows do not change; a new width re-measures all
      // A block still waiting for rows keeps its estimate until they are drawn (refresh).
      if (blockRows.some(isPending)) continue;
      let height = 0;
      for (const row of blockRows) height += row.getBoundingClientRect().height;
      if (height > 0) {
        this.heights[b] = height;
        this.measured[b] = 1;
      }
    }
    // The estimate for unseen blocks is taken once, from the first blocks drawn: updating it
    // later would move every row below by tiny amounts times thousands of rows, and a jump
    // far down would never land where it aimed.
    if (!this.estimated) {
      for (let b = 0; b < this.blocks; b++) {
        if (this.measured[b]) {
          sum += this.heights[b];
          rows += this.rowsIn(b);
        }
      }
      if (rows) {
        this.estimated = true;
        this.rowEstimate = sum / rows;
        for (let b = 0; b < this.blocks; b++) if (!this.measured[b]) this.heights[b] = this.rowEstimate * this.rowsIn(b);
      }
    }
    let after = 0;
    for (let b = this.last + 1; b < this.blocks; b++) after += this.heights[b];
    this.list.style.paddingTop = `${this.offsetOf(this.first)}px`;
    this.list.style.paddingBottom = `${after}px`;
  }

  // A width change rewraps titles: every height is stale.
  remeasure() {
    const width = this.list.getBoundingClientRect().width;
    if (!width || width === this.width) return;
    this.width = width;
    const anchor = this.anchor();
    this.measured.fill(0);
    this.estimated = false;
    this.measure();
    this.keep(anchor);
    this.schedule();
  }

  /** The <li> of row `index`, rendering its block (and scrolling near it) if needed. */
  row(index) {
    if (index < 0 || index >= this.count) return null;
    const block = Math.floor(index / blockSize);
    if (block < this.first || block > this.last) {
      this.renderBlocks(Math.max(0, block - 1), Math.min(this.blocks - 1, block + 1));
    }
    return this.drawnRow(index);
  }
}

function isPending(row) {
  return row.getAttribute('aria-busy') === 'true';
}
