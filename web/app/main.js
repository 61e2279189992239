// The viewer: list, article and search views over folio.js. It uses only the public API, like any
// embedder. Untrusted text reaches the DOM through textContent; the two HTML strings folio
// produces (rendered bodies, <mark>ed snippets) enter through setTrustedFolioHtml only.
import { createFolio } from '../folio.js';

const view = document.getElementById('view');
const input = document.getElementById('search-input');
const form = document.getElementById('search-form');

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

// The only way HTML enters the page: output of folio's renderer and snippet builder, which
// escape everything from the article and emit only markup they generate themselves.
function setTrustedFolioHtml(node, html) {
  node.innerHTML = html;
  return node;
}

function articleHref(id) {
  return `#/a/${encodeURIComponent(id)}`;
}

function showList(folio) {
  const items = folio.articles().map((a) =>
    el('li', {},
      el('a', { href: articleHref(a.id), text: a.title }),
      el('span', { class: 'meta', text: [a.author, a.date].filter(Boolean).join(' · ') })));
  view.replaceChildren(el('h1', { text: 'Articles' }), el('ul', { class: 'article-list' }, ...items));
  document.title = 'folio';
}

function showArticle(folio, id) {
  const meta = folio.article(id);
  if (!meta) {
    view.replaceChildren(
      el('h1', { text: 'Not found' }),
      el('p', { text: `There is no article “${id}” in this corpus.` }),
      el('p', {}, el('a', { href: '#/', text: 'Back to the list' })));
    document.title = 'Not found · folio';
    return;
  }
  const byline = el('p', { class: 'meta' });
  byline.append([meta.author, meta.date].filter(Boolean).join(' · '));
  if (/^https?:\/\//i.test(meta.url)) {
    byline.append(' · ', el('a', { href: meta.url, rel: 'noopener noreferrer', text: 'original' }));
  }
  const body = setTrustedFolioHtml(el('div', { class: 'article-body' }), folio.render(id));
  view.replaceChildren(el('article', {}, el('h1', { text: meta.title }), byline, body));
  document.title = `${meta.title} · folio`;
}

function showSearch(folio, query) {
  if (input.value !== query) input.value = query;
  if (!query.trim()) return showList(folio);
  const result = folio.search(query, { limit: 50 });
  const items = result.hits.map((hit) =>
    el('li', {},
      el('a', { href: articleHref(hit.id), text: hit.title }),
      setTrustedFolioHtml(el('p', { class: 'snippet' }), hit.snippet)));
  view.replaceChildren(
    el('p', { class: 'status', role: 'status', text: `${result.total} results for “${query}”` }),
    el('ol', { class: 'results' }, ...items));
  document.title = `${query} · folio`;
}

function route(folio) {
  const hash = location.hash.replace(/^#/, '');
  if (hash.startsWith('/a/')) {
    let id;
    try {
      id = decodeURIComponent(hash.slice(3));
    } catch {
      id = hash.slice(3);
    }
    return showArticle(folio, id);
  }
  if (hash.startsWith('/search')) {
    const params = new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
    return showSearch(folio, hash.includes('?') ? params.get('q') ?? '' : '');
  }
  return showList(folio);
}

async function main() {
  let folio;
  try {
    folio = await createFolio({ corpusUrl: new URL('corpus.json', document.baseURI) });
  } catch (error) {
    view.replaceChildren(el('h1', { text: 'This corpus could not be loaded' }),
      el('p', { text: String(error.message ?? error) }));
    return;
  }
  input.addEventListener('input', () => {
    const q = input.value;
    const target = q ? `#/search?q=${encodeURIComponent(q)}` : '#/';
    // Typing replaces the entry instead of adding one per keystroke; back leaves search.
    if (location.hash.startsWith('#/search')) history.replaceState(null, '', target);
    else history.pushState(null, '', target);
    route(folio);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  window.addEventListener('hashchange', () => route(folio));
  window.addEventListener('popstate', () => route(folio));
  route(folio);
}

main();
