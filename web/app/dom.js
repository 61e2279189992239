// DOM helpers of the viewer. Text from the corpus, the URL hash and the search box reaches the
// page only as text (textContent, attribute values); the one way HTML enters is
// setTrustedFolioHtml, for the two strings folio itself produces.

/** el('a', { href, text, class }, ...children): attributes are set as values, never parsed. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'on') for (const [type, handler] of Object.entries(value)) node.addEventListener(type, handler);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

/**
 * The only place HTML is parsed into the page: the output of folio's renderer (render) and of
 * its snippet builder (search hits' `snippet`). Both escape everything that comes from an
 * article and emit only markup they generate themselves (tests/browser: an article's script
 * never runs; a query never adds markup).
 */
export function setTrustedFolioHtml(node, html) {
  node.innerHTML = typeof html === 'string' ? html : '';
  return node;
}

const svgNs = 'http://www.w3.org/2000/svg';

/** A small decorative icon from fixed path data (no markup parsing). */
export function icon(pathData, className = 'icon') {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of [].concat(pathData)) {
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
