// A static file server for the demo and the browser tests: 127.0.0.1 only, correct MIME types
// (WASM streaming compilation needs application/wasm), no directory listings, nothing outside
// the root. Usage: node scripts/serve.mjs <dir> [--port 8000] [--header 'Name: value']...
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** Serves `root`; resolves to { server, url, requests, log } once listening. */
export function startServer({ root, port = 0, host = '127.0.0.1', headers = {}, ranges = true }) {
  const base = path.resolve(root);
  const requests = [];
  const log = []; // { path, range, bytes }: what each response sent
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push(url.pathname);
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const stat = await fs.stat(file);
      const common = {
        'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Accept-Ranges': ranges ? 'bytes' : 'none',
        ...headers,
      };
      // One byte range (what a sharded site's reader asks for: src/site/FORMAT.md), as static
      // hosts and CDNs answer it; `ranges: false` plays a host that ignores Range.
      const range = ranges && /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
      if (range && Number(range[1]) <= Number(range[2]) && Number(range[1]) < stat.size) {
        const start = Number(range[1]);
        const end = Math.min(Number(range[2]), stat.size - 1);
        res.writeHead(206, { ...common, 'Content-Length': end - start + 1,
          'Content-Range': `bytes ${start}-${end}/${stat.size}` });
        log.push({ path: url.pathname, range: [start, end - start + 1], bytes: end - start + 1 });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file, { start, end }).pipe(res);
        return;
      }
      res.writeHead(200, { ...common, 'Content-Length': stat.size });
      log.push({ path: url.pathname, range: null, bytes: stat.size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}/`, requests, log });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const root = args.find((a, i) => !a.startsWith('--') && !['--port', '--header'].includes(args[i - 1]));
  if (!root) {
    console.error('usage: node scripts/serve.mjs <dir> [--port 8000] [--header "Name: value"]');
    process.exit(2);
  }
  const portIndex = args.indexOf('--port');
  const headers = {};
  args.forEach((a, i) => {
    if (a === '--header') {
      const [name, ...value] = args[i + 1].split(':');
      headers[name.trim()] = value.join(':').trim();
    }
  });
  const { url } = await startServer({
    root,
    port: portIndex >= 0 ? Number(args[portIndex + 1]) : 8000,
    headers,
  });
  console.log(`folio: serving ${root} at ${url} (Ctrl-C stops)`);
}
