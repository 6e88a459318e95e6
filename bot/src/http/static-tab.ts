import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
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
  const serve = handle(log, async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/'))
      return sendProblem(res, problem('not_found', `No API at ${url.pathname}.`));
    const wanted = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    const inside = wanted.startsWith(root + path.sep);
    const file =
      inside && (await stat(wanted).catch(() => null))?.isFile() ? wanted : path.join(root, 'index.html');
    const body = await readFile(file).catch(() => null);
    if (!body) {
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
    res.sendRaw(body);
  });
  server.get('/*', serve);
}
