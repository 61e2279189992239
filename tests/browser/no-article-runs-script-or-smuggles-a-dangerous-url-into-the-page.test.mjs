// Articles written to attack the reader (tests/support/attack-vectors.mjs: raw HTML, javascript:
// links in every spelling, event handlers, parsing differentials, DOM clobbering, markup in front
// matter) are built into a site by the real CLI and opened in Debian's Chromium, rendered both
// through createFolio().render()/renderMarkdown()/renderMany() and through the viewer's
// #/a/<id> page. alert/confirm/prompt/print are hooked before any page script runs; every
// element, attribute and URL that reaches the DOM is checked; the console must stay empty.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { attackFrontMatter, attackVectors } from '../support/attack-vectors.mjs';
import { openSite } from '../support/browser.mjs';
import { runCli } from '../support/cli.mjs';

const perArticle = 10;
const articleIds = [];
const titles = new Map();
const work = mkdtempSync(path.join(tmpdir(), 'folio-attack-'));
const siteDir = path.join(work, 'site');
const transparentGif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
let site;
const externalRequests = [];
const dialogs = [];

before(async () => {
  const posts = path.join(work, 'posts');
  mkdirSync(posts);
  for (let i = 0; i * perArticle < attackVectors.length; i += 1) {
    const id = `attack-${i + 1}`;
    const title = `${attackFrontMatter.title} ${i + 1}`;
    articleIds.push(id);
    titles.set(id, title);
    // JSON strings are valid YAML double-quoted scalars.
    const front = [`id: ${JSON.stringify(id)}`, `title: ${JSON.stringify(title)}`,
      `author: ${JSON.stringify(attackFrontMatter.author)}`, `date: ${JSON.stringify(attackFrontMatter.date)}`,
      `url: ${JSON.stringify(attackFrontMatter.url)}`].join('\n');
    const body = attackVectors.slice(i * perArticle, (i + 1) * perArticle).join('\n\n');
    writeFileSync(path.join(posts, `${id}.md`), `---\n${front}\n---\n\nclobber 攻击\n\n${body}\n`);
  }
  const built = runCli(['build', posts, '-o', siteDir]);
  assert.equal(built.status, 0, built.stderr);

  site = await openSite(siteDir);
  const origin = new URL(site.url).host;
  await site.context.addInitScript(() => {
    window.__scriptRan = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      window[name] = (...args) => window.__scriptRan.push(`${name}(${args.join(',')})`);
    }
  });
  // Nothing leaves 127.0.0.1, and a missing file gets a pixel rather than a 404 in the console.
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
});

after(async () => {
  await site?.close();
  rmSync(work, { recursive: true, force: true });
});

// Runs in the page: what in `root` is not something folio's safe mode may write.
function inspect({ selector, strict }) {
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

const settle = (page) => page.waitForTimeout(300); // let image errors, focus and toggle events fire

test('createFolio().render(), renderMarkdown() and renderMany() put only safe markup into the page', async () => {
  const { page, url } = site;
  await page.goto(url);
  await page.locator(`a[href="#/a/${articleIds[0]}"]`).waitFor();
  const count = await page.evaluate(async ({ ids, vectors }) => {
    const { createFolio } = await import(new URL('folio.js', document.baseURI).href);
    const folio = await createFolio({ corpusUrl: new URL('corpus.json', document.baseURI) });
    const pieces = ids.map((id) => folio.render(id));
    for (const vector of vectors) {
      pieces.push(folio.renderMarkdown(vector), folio.renderMarkdown(vector, { cjkEmphasis: true }),
        folio.renderDocument(vector, { baseUrl: 'https://example.com/a/' }).html);
    }
    pieces.push(...folio.renderMany(vectors));
    const box = document.createElement('section');
    box.id = 'attack-box';
    for (const html of pieces) {
      const piece = document.createElement('div');
      piece.className = 'attack-piece';
      piece.innerHTML = html;
      box.append(piece);
    }
    document.body.append(box);
    folio.close();
    return pieces.length;
  }, { ids: articleIds, vectors: attackVectors });
  assert.equal(count, articleIds.length + attackVectors.length * 4);
  await settle(page);
  assert.deepEqual(await page.evaluate(inspect, { selector: '.attack-piece', strict: true }), []);
  assert.deepEqual(await page.evaluate(inspect, { selector: 'body', strict: false }), []);
  assert.deepEqual(await page.evaluate(() => window.__scriptRan), []);
});

test('the viewer shows each attack article at #/a/<id> with markup as text and nothing dangerous in the DOM', async () => {
  const { page, url } = site;
  for (const id of articleIds) {
    await page.goto(`${url}#/a/${id}`);
    const heading = page.locator('.article-title');
    await heading.waitFor();
    assert.equal(await heading.textContent(), titles.get(id), `${id}: the title is shown as text`);
    assert.equal(await heading.evaluate((h) => h.children.length), 0, `${id}: the title has no markup`);
    await settle(page);
    assert.deepEqual(await page.evaluate(inspect, { selector: '.article-body', strict: true }), [], id);
    assert.deepEqual(await page.evaluate(inspect, { selector: 'body', strict: false }), [], id);
  }
  assert.deepEqual(await page.evaluate(() => window.__scriptRan), []);
});

test('the list and search results show front matter and snippets as text', async () => {
  const { page, url } = site;
  await page.goto(`${url}#/`);
  const link = page.locator(`a[href="#/a/${articleIds[0]}"]`);
  await link.waitFor();
  assert.equal(await link.textContent(), titles.get(articleIds[0]));
  assert.deepEqual(await page.evaluate(inspect, { selector: 'body', strict: false }), []);
  await page.goto(`${url}#/search?q=${encodeURIComponent('clobber')}`);
  await page.locator(`.results a[href="#/a/${articleIds[0]}?q=clobber"]`).waitFor();
  await settle(page);
  assert.deepEqual(await page.evaluate(inspect, { selector: 'body', strict: false }), []);
  assert.deepEqual(await page.evaluate(() => window.__scriptRan), []);
});

test('no dialog opened, the page never left its origin, and the console is empty', async () => {
  assert.deepEqual(dialogs, []);
  assert.equal(new URL(site.page.url()).host, new URL(site.url).host);
  assert.deepEqual(site.console, []);
  // Only allowed schemes were requested from elsewhere (http images of example.com and the like).
  assert.ok(externalRequests.every((u) => /^https?:/.test(u)), externalRequests.join('\n'));
});
