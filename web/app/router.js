// Routes <-> URL hashes. The hash is untrusted input (anyone can send a link): it is decoded
// defensively, cut to sane lengths and only ever used as text or as a value for folio's API.
//   #/                                   the article list
//   #/a/<id>[?q=<terms>][&h=<heading>]   an article (the contract: #/a/<id>), terms highlighted
//   #/search?q=<query>[&author=][&year=][&tag=][&sort=newest]
// Anything else under #/ is an unknown page; a hash not starting with #/ belongs to the page
// around the viewer and is left alone.

export const facetKeys = ['author', 'year', 'tag'];
const maxQuery = 500;
const maxValue = 300;

function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function param(params, key, max = maxValue) {
  const value = params.get(key);
  return value ? value.slice(0, max) : '';
}

/** The route a hash names: { name: 'list' | 'article' | 'search' | 'unknown' | 'foreign', ... } */
export function parseHash(hash) {
  const raw = String(hash ?? '').replace(/^#/, '');
  if (raw === '' || raw === '/') return { name: 'list' };
  if (!raw.startsWith('/')) return { name: 'foreign' };
  const question = raw.indexOf('?');
  const path = question < 0 ? raw : raw.slice(0, question);
  const params = new URLSearchParams(question < 0 ? '' : raw.slice(question + 1));
  if (path.startsWith('/a/') && path.length > 3) {
    return {
      name: 'article',
      id: decode(path.slice(3)).slice(0, maxValue * 4),
      q: param(params, 'q', maxQuery),
      heading: param(params, 'h'),
    };
  }
  if (path === '/search' || path === '/search/') {
    const route = { name: 'search', q: param(params, 'q', maxQuery), sort: params.get('sort') === 'newest' ? 'newest' : '' };
    for (const key of facetKeys) route[key] = param(params, key);
    return route;
  }
  return { name: 'unknown', path: decode(path).slice(0, maxValue) };
}

function query(entries) {
  const params = new URLSearchParams();
  for (const [key, value] of entries) if (value) params.set(key, value);
  const text = params.toString().replace(/\+/g, '%20');
  return text ? `?${text}` : '';
}

export function listHash() {
  return '#/';
}

export function articleHash(id, { q = '', heading = '' } = {}) {
  return `#/a/${encodeURIComponent(id)}${query([['q', q], ['h', heading]])}`;
}

export function searchHash(route) {
  return `#/search${query([['q', route.q], ...facetKeys.map((key) => [key, route[key]]), ['sort', route.sort]])}`;
}
