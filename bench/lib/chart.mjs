// The README's chart: query latency (p50) and bytes shipped (gzip) against corpus size, for every
// engine on the Chinese corpora (real and synthetic), log-log. Plain SVG, no dependencies.

const palette = {
  'folio-native': '#1b5e20',
  'folio-wasm': '#2e7d32',
  'folio-chromium': '#66bb6a',
  'flexsearch-cjk': '#1565c0',
  'flexsearch-context': '#64b5f6',
  minisearch: '#ef6c00',
  'lunr-zh': '#8e24aa',
  pagefind: '#c62828',
};
const shortLabels = {
  'folio-native': 'folio native',
  'folio-wasm': 'folio WASM (Node)',
  'folio-chromium': 'folio WASM (Chromium)',
  'flexsearch-cjk': 'FlexSearch CJK',
  'flexsearch-context': 'FlexSearch context',
  minisearch: 'MiniSearch',
  'lunr-zh': 'lunr + lunr.zh',
  pagefind: 'Pagefind (Chromium)',
};

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function logTicks(lo, hi) {
  const ticks = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e += 1) {
    for (const m of [1, 3]) {
      const v = m * 10 ** e;
      if (v >= lo / 1.0001 && v <= hi * 1.0001) ticks.push(v);
    }
  }
  return ticks;
}

function fmtTick(v, unit) {
  if (unit === 'bytes') {
    if (v >= 2 ** 20) return `${+(v / 2 ** 20).toPrecision(2)} MiB`;
    if (v >= 1024) return `${+(v / 1024).toPrecision(2)} KiB`;
    return `${v} B`;
  }
  if (unit === 'ms') return v >= 1 ? `${+v.toPrecision(2)} ms` : `${+(v * 1000).toPrecision(2)} µs`;
  return v >= 1000 ? `${+(v / 1000).toPrecision(2)}k` : String(+v.toPrecision(2));
}

function panel({ x0, y0, w, h, title, series, yUnit }) {
  const points = series.flatMap((s) => s.points);
  if (!points.length) return `<text x="${x0}" y="${y0 + 20}" font-size="12">${esc(title)}: no data</text>`;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y).filter((y) => y > 0);
  const xlo = Math.min(...xs) / 1.3;
  const xhi = Math.max(...xs) * 1.3;
  const ylo = Math.min(...ys) / 1.5;
  const yhi = Math.max(...ys) * 1.5;
  const sx = (x) => x0 + ((Math.log(x) - Math.log(xlo)) / (Math.log(xhi) - Math.log(xlo))) * w;
  const sy = (y) => y0 + h - ((Math.log(y) - Math.log(ylo)) / (Math.log(yhi) - Math.log(ylo))) * h;
  const out = [`<text x="${x0}" y="${y0 - 10}" font-size="13" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="none" stroke="#999"/>`];
  for (const t of logTicks(ylo, yhi)) {
    out.push(`<line x1="${x0}" x2="${x0 + w}" y1="${sy(t).toFixed(1)}" y2="${sy(t).toFixed(1)}" stroke="#eee"/>`,
      `<text x="${x0 - 4}" y="${(sy(t) + 4).toFixed(1)}" font-size="10" text-anchor="end">${fmtTick(t, yUnit)}</text>`);
  }
  for (const t of logTicks(xlo, xhi)) {
    out.push(`<line x1="${sx(t).toFixed(1)}" x2="${sx(t).toFixed(1)}" y1="${y0}" y2="${y0 + h}" stroke="#eee"/>`,
      `<text x="${sx(t).toFixed(1)}" y="${y0 + h + 14}" font-size="10" text-anchor="middle">${fmtTick(t, 'n')}</text>`);
  }
  out.push(`<text x="${x0 + w / 2}" y="${y0 + h + 30}" font-size="11" text-anchor="middle">articles (log)</text>`);
  for (const s of series) {
    const pts = s.points.filter((p) => p.y > 0).sort((a, b) => a.x - b.x);
    if (!pts.length) continue;
    const color = palette[s.engine] ?? '#555';
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) out.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3" fill="${color}"><title>${esc(`${shortLabels[s.engine] ?? s.engine}, ${p.corpus}: ${fmtTick(p.y, yUnit)}`)}</title></circle>`);
  }
  return out.join('\n');
}

export function chartSvg(results) {
  const corpora = Object.keys(results.search).filter((c) => /^(zh-|synth-)/.test(c));
  const engines = Object.keys(palette);
  const latency = [];
  const bytes = [];
  for (const engine of engines) {
    const lat = [];
    const size = [];
    for (const c of corpora) {
      const e = results.search[c].engines[engine];
      const x = results.search[c].articles;
      if (!e || e.error || e.skipped) continue;
      const p50 = e.latency?.all?.p50?.median;
      if (p50 > 0) lat.push({ x, y: p50, corpus: c });
      const gz = e.indexBytes?.gzip;
      if (gz > 0 && !(engine === 'folio-wasm' || engine === 'folio-native')) size.push({ x, y: gz + (e.runtimeBytes?.gzip ?? 0), corpus: c });
    }
    latency.push({ engine, points: lat });
    bytes.push({ engine, points: size });
  }
  const w = 330;
  const h = 240;
  const legend = engines.map((e, i) => {
    const x = 70 + (i % 4) * 200;
    const y = 335 + Math.floor(i / 4) * 18;
    return `<line x1="${x}" x2="${x + 18}" y1="${y - 4}" y2="${y - 4}" stroke="${palette[e]}" stroke-width="3"/><text x="${x + 24}" y="${y}" font-size="11">${esc(shortLabels[e])}</text>`;
  }).join('\n');
  const when = `${results.started.slice(0, 10)}, ${results.machine.cores} cores, load ${Math.min(...results.loadavg.map((l) => l.one))}–${Math.max(...results.loadavg.map((l) => l.one))}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="880" height="385" viewBox="0 0 880 385" font-family="sans-serif">
<rect width="880" height="385" fill="#fff"/>
${panel({ x0: 70, y0: 30, w, h, title: 'Query latency, median of queries (p50)', series: latency, yUnit: 'ms' })}
${panel({ x0: 520, y0: 30, w, h, title: 'Bytes to ship: index + runtime (gzip)', series: bytes, yUnit: 'bytes' })}
${legend}
<text x="870" y="380" font-size="9" text-anchor="end" fill="#666">${esc(`bench/REPORT.md, ${when}${results.merged ? ' (some corpora: other runs)' : ''}; folio: p50 without snippets, bytes with article bodies + index`)}</text>
</svg>
`;
}
