// The shape every report must have, checked after each run (the smoke test relies on it): each
// selected corpus and engine has figures or says why not. In strict mode (smoke) an engine that
// failed is a problem too; a full run reports failures in REPORT.md and still writes it.
const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const summaryOk = (s) => s && finite(s.median) && finite(s.min) && finite(s.max) && s.n >= 1;

export function validateResults(results, { strict }) {
  const problems = [];
  const { settings } = results;
  if (!results.machine?.cores || !results.versions?.packages) problems.push('machine or versions missing');
  if (!results.loadavg?.length) problems.push('no load average samples');
  if (settings.phases.includes('search')) {
    for (const corpus of settings.search) {
      const entry = results.search[corpus];
      if (!entry) {
        problems.push(`search: ${corpus} missing`);
        continue;
      }
      if (!entry.queries.length) problems.push(`search: ${corpus} has no queries`);
      for (const engine of settings.engines) {
        const e = entry.engines[engine];
        if (!e) problems.push(`search: ${corpus}: ${engine} missing`);
        else if (e.error) {
          if (strict) problems.push(`search: ${corpus}: ${engine} failed: ${e.error}`);
        } else if (!e.skipped) {
          if (!summaryOk(e.latency?.all?.p50) || !summaryOk(e.latency?.all?.p95)) problems.push(`search: ${corpus}: ${engine} has no latency`);
          const acc = e.accuracy?.all;
          if (!acc || !(acc.recall >= 0 && acc.recall <= 1)) problems.push(`search: ${corpus}: ${engine} has no recall`);
          if (!summaryOk(e.build) && !summaryOk(e.load)) problems.push(`search: ${corpus}: ${engine} has no build/load time`);
          if (!e.indexBytes || !finite(e.indexBytes.gzip)) problems.push(`search: ${corpus}: ${engine} has no index size`);
          if (engine.startsWith('folio-')) {
            // folio is measured as a site ships: with the index file `folio build` wrote, and
            // also with the snippets its search box shows.
            if (e.indexSource !== 'file') problems.push(`search: ${corpus}: ${engine} did not load folio-index.bin (${e.indexSource ?? 'unknown'})`);
            if (!summaryOk(e.latencySnippets?.all?.p50)) problems.push(`search: ${corpus}: ${engine} has no latency with snippets`);
          }
        }
      }
    }
  }
  if (settings.phases.includes('render')) {
    for (const corpus of settings.render) {
      const r = results.render[corpus];
      if (!r) {
        problems.push(`render: ${corpus} missing`);
        continue;
      }
      for (const where of ['node', 'chromium', 'native']) {
        if (!r[where] || r[where].error) {
          if (strict || !r[where]) problems.push(`render: ${corpus}: ${where} ${r[where]?.error ?? 'missing'}`);
          continue;
        }
        for (const [name, v] of Object.entries(r[where])) {
          if (!summaryOk(v.mbps)) problems.push(`render: ${corpus}: ${where}: ${name} has no MB/s`);
        }
      }
    }
  }
  if (settings.phases.includes('load')) {
    for (const site of settings.load) {
      const l = results.load[site];
      if (!l) {
        problems.push(`load: ${site} missing`);
        continue;
      }
      for (const engine of ['folio', 'pagefind']) {
        if (!l[engine] || l[engine].error) {
          if (strict || !l[engine]) problems.push(`load: ${site}: ${engine} ${l[engine]?.error ?? 'missing'}`);
        } else if (!summaryOk(l[engine].search?.ms) || !summaryOk(l[engine].search?.bytes)) {
          problems.push(`load: ${site}: ${engine} has no first-results figures`);
        }
      }
      if (l.folio && !l.folio.error && !summaryOk(l.folio.list?.ms)) problems.push(`load: ${site}: folio has no list paint`);
    }
  }
  if (strict && results.browserErrors?.length) problems.push(`browser errors: ${results.browserErrors.join(' | ')}`);
  return problems;
}
