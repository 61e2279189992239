// What the browser attack tests share: a page guard that records any script that runs and any
// request that leaves the test server, and the DOM check.
import { existsSync } from 'node:fs';
import path from 'node:path';

const transparentGif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

// Before any page script runs: alert/confirm/prompt/print only record their call in
// window.__scriptRan, and a snapshot of the prototypes' and window's own property names is kept in
// window.__baseline for polluted(). Nothing leaves 127.0.0.1 (such requests are recorded and
// answered 204), and a missing file gets a pixel rather than a 404 in the console. Dialogs are
// recorded and dismissed. Returns { dialogs, externalRequests }, filled as the pages run.
export async function guardPage(site, siteDir) {
  const dialogs = [];
  const externalRequests = [];
  const origin = new URL(site.url).host;
  await site.context.addInitScript(() => {
    const names = (object) => Object.getOwnPropertyNames(object).sort();
    window.__baseline = {
      object: names(Object.prototype),
      array: names(Array.prototype),
      func: names(Function.prototype),
      string: names(String.prototype),
    };
    window.__scriptRan = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      window[name] = (...args) => window.__scriptRan.push(`${name}(${args.join(',')})`);
    }
    window.__baseline.window = names(window);
  });
  await site.context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host !== origin) {
      externalRequests.push(url.href);
      return route.fulfill({ status: 204 });
    }
    const file = path.join(siteDir, decodeURIComponent(url.pathname));
    if (url.pathname !== '/' && !existsSync(file)) {
      return route.fulfill({ status: 200, contentType: 'image/gif', body: transparentGif });
    }
    return route.continue();
  });
  site.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  return { dialogs, externalRequests };
}

// Runs in the page: what was added to Object/Array/Function/String.prototype or to window since
// guardPage's snapshot, and whether a plain object now inherits anything an attacker named.
export function polluted(allowedGlobals = []) {
  const names = (object) => Object.getOwnPropertyNames(object).sort();
  const problems = [];
  for (const [key, object] of [['object', Object.prototype], ['array', Array.prototype],
    ['func', Function.prototype], ['string', String.prototype], ['window', window]]) {
    const before = new Set(window.__baseline[key]);
    for (const name of names(object)) {
      if (!before.has(name) && !(key === 'window' && allowedGlobals.includes(name))) {
        problems.push(`${key}: ${name}`);
      }
    }
  }
  const probe = {};
  for (const name of ['polluted', 'isAdmin', 'hacked', 'toString2']) {
    if (probe[name] !== undefined) problems.push(`({}).${name} is ${probe[name]}`);
  }
  return problems;
}

// Runs in the page (page.evaluate(inspect, { selector, strict })): what under `selector`, in the
// page or in any open shadow root (the viewer's <folio-viewer>), is not something folio's safe
// mode may write. strict: only folio's own elements and attributes (for
// rendered articles); not strict: nothing that runs or embeds code anywhere (the whole page).
export function inspect({ selector, strict }) {
  const writable = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite',
    'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption',
    'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li',
    'mark', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike',
    'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr',
    'tt', 'u', 'ul', 'var', 'wbr']);
  // Anywhere in the body, the viewer's own markup included: elements that run or embed code.
  const never = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base',
    'meta', 'link', 'noscript', 'marquee', 'isindex', 'keygen']);
  const urlAttributes = new Set(['href', 'src', 'cite', 'action', 'formaction', 'xlink:href', 'data',
    'poster', 'background', 'srcset', 'srcdoc', 'ping']);
  const problems = [];
  // Every element under `root`, descending into open shadow roots (the viewer draws inside
  // <folio-viewer>'s). The viewer's own stylesheet link (app/folio.css, first in its shadow
  // root) is the viewer's, not an article's, and is skipped.
  const elementsUnder = (root) => {
    const found = [];
    for (const el of root.querySelectorAll('*')) {
      found.push(el);
      for (const child of el.shadowRoot?.children ?? []) {
        const ownStylesheet = child.localName === 'link' && child.rel === 'stylesheet' &&
          new URL(child.href).origin === location.origin;
        if (!ownStylesheet) found.push(child, ...elementsUnder(child));
      }
    }
    return found;
  };
  // `selector` is matched in the document and in every open shadow root.
  const scopes = [document, ...elementsUnder(document).filter((el) => el.shadowRoot).map((el) => el.shadowRoot)];
  const roots = scopes.flatMap((scope) => [...scope.querySelectorAll(selector)]);
  if (roots.length === 0) problems.push(`nothing matches ${selector}`);
  for (const root of roots) {
    for (const el of elementsUnder(root)) {
      const name = el.localName;
      const where = el.outerHTML.slice(0, 120);
      if (strict && el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`foreign element: ${where}`);
      if (never.has(name)) problems.push(`<${name}>: ${where}`);
      if (strict && !writable.has(name)) problems.push(`<${name}> is not something folio writes: ${where}`);
      if (strict && name === 'input' && !(el.type === 'checkbox' && el.disabled)) problems.push(`live input: ${where}`);
      for (const attribute of el.attributes) {
        const attr = attribute.name.toLowerCase();
        if (attr.startsWith('on') || attr === 'srcdoc' || attr === 'formaction' || (strict && attr === 'style')) {
          problems.push(`${attr} on <${name}>: ${where}`);
        }
        if (strict && (attr === 'name' || (attr === 'id' && !/^h[1-6]$/.test(name)))) {
          problems.push(`${attr} (DOM clobbering) on <${name}>: ${where}`);
        }
        if (strict && name === 'a' && attr === 'target') problems.push(`target on <a>: ${where}`);
        if (urlAttributes.has(attr)) {
          const protocol = new URL(attribute.value, document.baseURI).protocol;
          if (!['http:', 'https:', 'mailto:'].includes(protocol)) {
            problems.push(`${attr}="${attribute.value}" (${protocol}) on <${name}>`);
          }
        }
      }
      if (strict && name === 'a' && el.getAttribute('href') &&
          new URL(el.href).host !== location.host && !el.href.startsWith('mailto:') &&
          el.rel !== 'noopener noreferrer') {
        problems.push(`a link to another site without rel="noopener noreferrer": ${where}`);
      }
    }
  }
  return problems;
}
