// <folio-viewer src="corpus.json">: the whole viewer as a custom element. Everything it draws
// lives in its shadow root, styled only by app/folio.css loaded there, so it neither leaks CSS
// or globals into the page around it nor inherits the page's styles (`:host { all: initial }`).
// Theming goes through CSS custom properties (web/README.md, "Embedding"). The site's own
// index.html is this same element with the `page` attribute.
//
// Attributes:
//   src       the corpus (default corpus.json), relative to the page
//   page      the element is the page: it sets document.title, <html lang> and color-scheme,
//             and `/` focuses its search from anywhere in the document
//   routing   "hash" (default): routes live in location.hash (#/a/<id>, #/search?q=…), so links
//             can be shared and back/forward work; "memory": the page's URL is never touched
//   theme     "light" | "dark": fixed; otherwise the reader's choice (remembered) or the system's
//   ui-lang   "en" | "zh": the language of the viewer's own words (default: from the corpus and
//             the browser)
//   layout    "single" | "sharded": what src is, so the right WASM module starts downloading
//             before src is read (folio build writes it into the site's index.html; web/README.md)
import { Viewer } from './viewer.js';

class FolioViewerElement extends HTMLElement {
  static get observedAttributes() {
    return ['theme'];
  }

  connectedCallback() {
    if (this.viewer) return;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    this.viewer = new Viewer(this, root, {
      src: this.getAttribute('src') || 'corpus.json',
      page: this.hasAttribute('page'),
      routing: this.getAttribute('routing') === 'memory' ? 'memory' : 'hash',
      uiLang: this.getAttribute('ui-lang') || '',
      layout: this.getAttribute('layout') || '',
      styleUrl: new URL('./folio.css', import.meta.url).href,
    });
  }

  disconnectedCallback() {
    // Moving the element keeps its viewer; removing it for good (not re-added in the same
    // task) closes the worker.
    queueMicrotask(() => {
      if (!this.isConnected && this.viewer) {
        this.viewer.destroy();
        this.viewer = null;
        this.shadowRoot.replaceChildren();
      }
    });
  }

  attributeChangedCallback() {
    this.viewer?.applyTheme();
  }

  /** The FolioWorker behind this viewer, once loaded (the documented JS API). */
  get folio() {
    return this.viewer?.folio ?? null;
  }
}

if (!customElements.get('folio-viewer')) customElements.define('folio-viewer', FolioViewerElement);
