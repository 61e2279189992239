// Pagefind, built with its own Node API (which runs the binary its npm package ships) from the
// same visible text the other engines index, one record per article.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { filesSize, listFiles, nowMs } from './util.mjs';

const hanRe = /\p{Script=Han}/gu;
const latinRe = /[a-z]/g;

/** Pagefind indexes one language per page; an article is Chinese when Han dominates it. */
export function languageOf(doc) {
  const sample = doc.text.slice(0, 20000);
  const han = (sample.match(hanRe) ?? []).length;
  const latin = (sample.match(latinRe) ?? []).length;
  return han * 3 >= latin ? 'zh' : 'en';
}

export function majorityLanguage(docs) {
  const zh = docs.filter((d) => languageOf(d) === 'zh').length;
  return zh * 2 >= docs.length ? 'zh' : 'en';
}

export const articleUrl = (id) => `/a/${encodeURIComponent(id)}/`;

/** Builds the bundle into outDir; resolves to the build time in ms. `progress.added` counts records. */
export async function buildPagefind(docs, outDir, progress = {}) {
  const pagefind = await import('pagefind');
  rmSync(outDir, { recursive: true, force: true });
  const t0 = nowMs();
  const { index, errors } = await pagefind.createIndex({});
  if (errors.length) throw new Error(`pagefind: ${errors.join('; ')}`);
  for (const doc of docs) {
    const added = await index.addCustomRecord({
      url: articleUrl(doc.id),
      content: doc.text,
      language: languageOf(doc),
      meta: { title: doc.title, ...(doc.author ? { author: doc.author } : {}) },
    });
    if (added.errors?.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
    progress.added = (progress.added ?? 0) + 1;
  }
  const written = await index.writeFiles({ outputPath: outDir });
  if (written.errors?.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  const ms = nowMs() - t0;
  await index.deleteIndex?.();
  await pagefind.close();
  return ms;
}

const runtimeFile = (rel) => /^(pagefind\.js|pagefind-worker\.js|wasm\.[^/]+\.pagefind)$/.test(rel);
const uiFile = (rel) => /^pagefind-(ui|component-ui|modular-ui|highlight)\.(js|css)$/.test(rel) || rel.startsWith('playground/');

/** Bytes of a bundle: the index (entry, meta, chunks, fragments, filters) and the runtime. */
export function pagefindBytes(outDir) {
  const files = listFiles(outDir);
  return {
    index: filesSize(outDir, files.filter((f) => !runtimeFile(f) && !uiFile(f))),
    runtime: filesSize(outDir, files.filter(runtimeFile)),
    ui: filesSize(outDir, files.filter(uiFile)),
  };
}

/** fragment name (a search result's id) -> article id, read from the fragment files. */
export function fragmentIds(outDir) {
  const map = {};
  const dir = path.join(outDir, 'fragment');
  for (const name of readdirSync(dir)) {
    const data = gunzipSync(readFileSync(path.join(dir, name))).toString('utf8');
    const json = JSON.parse(data.slice(data.indexOf('{')));
    const m = /^\/a\/([^/]+)\/?$/.exec(json.url ?? '');
    if (m) map[name.replace(/\.pf_fragment$/, '')] = decodeURIComponent(m[1]);
  }
  return map;
}

export function idFromUrl(url) {
  const m = /\/a\/([^/]+)\/?$/.exec(url ?? '');
  return m ? decodeURIComponent(m[1]) : null;
}
