import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Server } from 'restify';
import type { Logger } from 'pino';
import { handle } from './handler.js';
import { problem, sendProblem } from './problem.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Text worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.map', '.ico']);

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

type Encoding = 'br' | 'gzip' | 'identity';

/** Brotli when the browser takes it (every browser Teams runs in does), else gzip, else the bytes as they are. */
function encodingFor(acceptEncoding: string | undefined): Encoding {
  const offered = (acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => q?.trim() !== 'q=0')
    .map(([name]) => name?.trim().toLowerCase());
  if (offered.includes('br')) return 'br';
  if (offered.includes('gzip')) return 'gzip';
  return 'identity';
}

/**
 * Compressed bodies, made once per file version (path, size and modification time), so a file is compressed on its
 * first request and served from memory after that. tab/dist holds a few hundred KiB, so the cache stays small.
 */
function compressionCache() {
  const cache = new Map<string, Promise<Buffer>>();
  return (file: string, version: string, body: Buffer, encoding: Exclude<Encoding, 'identity'>) => {
    const key = `${encoding}:${file}:${version}`;
    let compressed = cache.get(key);
    if (!compressed) {
      compressed =
        encoding === 'br'
          ? brotli(body, {
              params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
            })
          : gzipAsync(body, { level: 9 });
      // A failed compression is not kept: the next request tries again (and this one is sent as it is).
      compressed.catch(() => cache.delete(key));
      cache.set(key, compressed);
    }
    return compressed;
  };
}

// Teams (web and desktop) frames the tab; nothing else may.
const CSP = [
  "default-src 'self'",
  "script-src 'self' https://res.cdn.office.net",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  'frame-ancestors teams.microsoft.com *.teams.microsoft.com *.teams.microsoft.us local.teams.office.com *.office.com *.cloud.microsoft outlook.office.com',
].join('; ');

/** The tab's built files (tab/dist) at `/`, with the single-page app's index for any other path. */
export function registerStaticTab(server: Server, distDir: string, log: Logger): void {
  const root = path.resolve(distDir);
  const compressed = compressionCache();
  const serve = handle(log, async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/'))
      return sendProblem(res, problem('not_found', `No API at ${url.pathname}.`));
    const wanted = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    const inside = wanted.startsWith(root + path.sep);
    const file =
      inside && (await stat(wanted).catch(() => null))?.isFile() ? wanted : path.join(root, 'index.html');
    const [body, info] = await Promise.all([readFile(file).catch(() => null), stat(file).catch(() => null)]);
    if (!body || !info) {
      res.status(503);
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.sendRaw('The tab is not built yet: run `npm run build` (npm start does it for you).');
      return;
    }
    res.status(200);
    res.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    // Hashed assets never change; index.html must always be fresh.
    res.setHeader(
      'cache-control',
      file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    const encoding = COMPRESSIBLE.has(path.extname(file))
      ? encodingFor(req.header('accept-encoding'))
      : 'identity';
    if (COMPRESSIBLE.has(path.extname(file))) res.setHeader('vary', 'Accept-Encoding');
    if (encoding === 'identity') return res.sendRaw(body);
    const packed = await compressed(file, `${info.size}:${info.mtimeMs}`, body, encoding).catch(() => null);
    if (!packed) return res.sendRaw(body);
    res.setHeader('content-encoding', encoding);
    res.sendRaw(packed);
  });
  server.get('/*', serve);
}
