import type { Next, Request, Response } from 'restify';

/** Small HTTP helpers of the sandbox's routes: raw bodies (JSON and multipart), answers, errors that never crash. */

/** The server's one body reader: the sandbox answers a too-large body in Meta's words (or the phone page's). */
export { BodyTooLarge, readBody } from '../http/index.js';

export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.sendRaw(JSON.stringify(body));
}

export function sendBytes(res: Response, bytes: Buffer, contentType: string, cache = 'no-store'): void {
  res.status(200);
  res.setHeader('content-type', contentType);
  res.setHeader('content-length', String(bytes.length));
  res.setHeader('cache-control', cache);
  res.sendRaw(bytes);
}

export function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://sandbox').searchParams;
}

export function paramOf(req: Request, name: string): string {
  const value: unknown = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** The origin the caller used to reach us, so URLs we hand out (media) point back the same way. */
export function originOf(req: Request): string {
  const host = req.headers.host ?? '127.0.0.1';
  return `http://${host}`;
}

export interface RouteLogger {
  error(obj: Record<string, unknown>, msg: string): void;
}

/** Wraps an async handler: an unexpected error is logged and answered 500, never thrown into restify. */
export function route(log: RouteLogger, fn: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response, next: Next): void => {
    fn(req, res)
      .catch((err: unknown) => {
        log.error({ err, path: req.path() }, 'sandbox request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'sandbox failure' });
      })
      .finally(() => next());
  };
}
