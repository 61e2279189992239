// The benchmark's static server: 127.0.0.1 only, several folders mounted under URL prefixes,
// and a log of every response (path, bytes, when it finished) so a load measurement can count
// what crossed the wire before a milestone, including a Web Worker's fetches, which the page's
// own Resource Timing does not see. Cross-origin isolation headers are on by request: they give
// performance.now() 5 µs resolution instead of 100 µs, which sub-millisecond queries need.
// The scale benchmark (lib/scale.mjs) asks for byte ranges, which a sharded folio site reads, and
// for immutable caching, as a CDN serves content-hashed files, so a warm visit can reuse them.
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { byteRange } from '../../scripts/serve.mjs';
import { nowMs } from './util.mjs';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/**
 * mounts: { '/prefix/': '/abs/dir', … } (longest prefix wins). Resolves to
 * { url, log, close() } where log is [{ path, file, range, bytes, at }] (range: [start, length] of
 * a 206 answer, else null; at: nowMs() when the response ended). `ranges` answers one byte range
 * per request (scripts/serve.mjs's rule); `cacheControl` replaces `no-store`.
 */
export function startBenchServer({ mounts, isolate = false, ranges = false, cacheControl = 'no-store' }) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const log = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    const prefix = prefixes.find((p) => pathname.startsWith(p));
    const headers = {
      'Cache-Control': cacheControl,
      ...(isolate ? {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      } : {}),
    };
    if (!prefix) {
      res.writeHead(404, headers).end();
      return;
    }
    const base = path.resolve(mounts[prefix]);
    let file = path.join(base, pathname.slice(prefix.length));
    if (!file.startsWith(base)) {
      res.writeHead(403, headers).end();
      return;
    }
    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const { size } = await fs.stat(file);
      const type = { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' };
      const range = ranges ? byteRange(req.headers.range, size) : null;
      if (range) {
        const length = range.end - range.start + 1;
        res.writeHead(206, { ...headers, ...type, 'Accept-Ranges': 'bytes', 'Content-Length': length,
          'Content-Range': `bytes ${range.start}-${range.end}/${size}` });
        res.on('finish', () => log.push({ path: pathname, file, range: [range.start, length], bytes: length, at: nowMs() }));
        createReadStream(file, { start: range.start, end: range.end }).pipe(res);
        return;
      }
      res.writeHead(200, { ...headers, ...type, 'Content-Length': size, ...(ranges ? { 'Accept-Ranges': 'bytes' } : {}) });
      res.on('finish', () => log.push({ path: pathname, file, range: null, bytes: size, at: nowMs() }));
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        log,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}
