// Turns an engine's raw timings and hit lists into the figures of the report.
import { quantile, summarize } from './util.mjs';

/**
 * Recall and precision against the truth, per query and averaged (macro: every query weighs the
 * same, so one 1-character query with a thousand hits does not drown fifty exact ones).
 * Precision averages over the queries that returned something; `empty` counts the others.
 */
export function accuracy(queries, results, kinds) {
  const per = queries.map((q, i) => {
    const truth = new Set(q.truth);
    const got = [...new Set(results[i] ?? [])];
    const hits = got.filter((id) => truth.has(id)).length;
    return {
      kind: q.kind,
      recall: truth.size ? hits / truth.size : 1,
      precision: got.length ? hits / got.length : null,
      exact: hits === truth.size && got.length === truth.size,
      returned: got.length,
      truth: truth.size,
    };
  });
  const summarizeSet = (list) => {
    const withHits = list.filter((x) => x.precision !== null);
    return {
      queries: list.length,
      recall: list.length ? list.reduce((a, x) => a + x.recall, 0) / list.length : null,
      precision: withHits.length ? withHits.reduce((a, x) => a + x.precision, 0) / withHits.length : null,
      exact: list.filter((x) => x.exact).length,
      empty: list.length - withHits.length,
    };
  };
  const byKind = {};
  for (const kind of kinds) {
    const list = per.filter((x) => x.kind === kind);
    if (list.length) byKind[kind] = summarizeSet(list);
  }
  return { all: summarizeSet(per), byKind, perQuery: per };
}

/**
 * Latency: each pass timed every query once; per pass we take p50 and p95 over the queries (all,
 * and per kind), then report the median over passes with its range.
 */
export function latency(queries, passes, kinds) {
  const ofPasses = (indices) => {
    if (!indices.length || !passes.length) return null;
    const p50 = passes.map((times) => quantile(indices.map((i) => times[i]), 0.5));
    const p95 = passes.map((times) => quantile(indices.map((i) => times[i]), 0.95));
    return { p50: summarize(p50), p95: summarize(p95) };
  };
  const all = ofPasses(queries.map((_, i) => i));
  const byKind = {};
  for (const kind of kinds) {
    const indices = queries.map((q, i) => (q.kind === kind ? i : -1)).filter((i) => i >= 0);
    if (indices.length) byKind[kind] = ofPasses(indices);
  }
  return { all, byKind };
}
