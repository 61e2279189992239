// Small helpers every part of the harness shares: paths, statistics, sizes, child processes.
// Runs on Node 18 (Debian 12's nodejs): no APIs newer than 18.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const sourceDir = path.dirname(benchDir);
export const sharedDir = process.env.FOLIO_SHARED_DIR ?? path.join(sourceDir, '../shared');
export const cliPath = process.env.FOLIO_CLI ?? path.join(sourceDir, 'build/native/bin/folio');
export const nativeBenchPath = process.env.FOLIO_BENCH_NATIVE ??
  path.join(sourceDir, 'build/native/bin/folio-bench');

/** A file the harness cannot work without: fail with what to do, never skip silently. */
export function required(file, hint) {
  if (!existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
  return file;
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function writeJson(file, value) {
  ensureDir(path.dirname(file));
  writeFileSync(file, `${JSON.stringify(value, null, 1)}\n`);
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** Monotonic milliseconds. */
export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function gzipSize(data) {
  return gzipSync(data, { level: 9 }).length;
}

/** Every file under `dir` (recursively), as paths relative to it, sorted. */
export function listFiles(dir) {
  const out = [];
  const walk = (sub) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/**
 * Bytes of a set of files: raw, and as a host that gzips would send them. Files that are
 * already compressed (Pagefind writes gzip; its names say so) count as they are.
 */
export function filesSize(dir, files) {
  let raw = 0;
  let gzip = 0;
  for (const rel of files) {
    const data = readFileSync(path.join(dir, rel));
    raw += data.length;
    gzip += isPrecompressed(rel, data) ? data.length : gzipSize(data);
  }
  return { files: files.length, raw, gzip };
}

export function isPrecompressed(rel, data) {
  return data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;
}

export function fileSize(file) {
  return statSync(file).size;
}

// --- statistics -------------------------------------------------------------------------------

export function quantile(values, q) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: p95 of 20 values is the 19th, a value that was really observed.
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

export function median(values) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A figure from several runs: the median, the range, and n. */
export function summarize(values) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (!finite.length) return null;
  return {
    median: median(finite),
    min: Math.min(...finite),
    max: Math.max(...finite),
    n: finite.length,
  };
}

export function mean(values) {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

// --- processes --------------------------------------------------------------------------------

/**
 * Runs a program and resolves to { status, stdout, stderr, ms, maxRssKb }. GNU time is not on a
 * fresh Debian, so peak memory comes from /proc when the caller asks for it (see runMeasured).
 */
export function run(command, args, { cwd, env, input, timeoutMs, quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const started = nowMs();
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => {
      err.push(d);
      if (!quiet) process.stderr.write(d);
    });
    let timer = null;
    if (timeoutMs) {
      timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    }
    child.on('error', reject);
    child.on('close', (status, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: nowMs() - started,
      });
    });
    // A child that exits before reading its stdin closes the pipe: its exit status, not EPIPE
    // here, is what reports the failure.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/** Like run(), and fails with the program's stderr when it does. */
export async function runOk(command, args, options) {
  const result = await run(command, args, options);
  if (result.status !== 0) {
    const tail = result.stderr.split('\n').slice(-15).join('\n');
    throw new Error(`${path.basename(command)} ${args.slice(0, 3).join(' ')} … exited ` +
      `${result.status ?? result.signal}:\n${tail}`);
  }
  return result;
}

export function log(...parts) {
  const stamp = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${stamp}] ${parts.join(' ')}\n`);
}

export function packageVersion(name) {
  const file = path.join(benchDir, 'node_modules', name, 'package.json');
  return existsSync(file) ? readJson(file).version : null;
}
