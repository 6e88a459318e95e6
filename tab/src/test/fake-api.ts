import { vi } from 'vitest';

export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

type Answer = { status?: number; body?: unknown; headers?: Record<string, string> };
type Reply = Answer | Promise<Answer>;
export type Route = [method: string, path: string | RegExp, reply: (call: Call) => Reply];

/** A jsdom Blob's bytes: Node's Response cannot read jsdom's Blob (it would send "[object Blob]"). */
export function bytesOf(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

/**
 * Fakes the server at the network edge: routes match method and path (query included), and an unmatched
 * request fails loudly so a test never passes by accident.
 */
export function fakeApi(routes: Route[]) {
  const calls: Call[] = [];
  const unmatched: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://tab.test');
    const path = `${url.pathname}${url.search}`.replace(/^\/api\/v1/, '');
    const method = (init.method ?? 'GET').toUpperCase();
    let body: unknown = init.body;
    if (typeof init.body === 'string') body = JSON.parse(init.body);
    const call: Call = { method, path, body, headers: (init.headers ?? {}) as Record<string, string> };
    calls.push(call);
    const route = routes.find(
      ([m, p]) =>
        m === method &&
        (typeof p === 'string' ? p === path || p === url.pathname.replace(/^\/api\/v1/, '') : p.test(path)),
    );
    if (!route) {
      unmatched.push(`${method} ${path}`);
      throw new Error(`Unexpected request ${method} ${path}`);
    }
    const reply = await route[2](call);
    const status = reply.status ?? 200;
    const isProblem = status >= 400;
    if (reply.body instanceof Blob)
      return new Response(await bytesOf(reply.body), { status, headers: reply.headers });
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status,
      headers: { 'Content-Type': isProblem ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    unmatched,
    callsTo: (method: string, path: string | RegExp) =>
      calls.filter(
        (c) =>
          c.method === method && (typeof path === 'string' ? c.path.startsWith(path) : path.test(c.path)),
      ),
  };
}

export function problem(status: number, code: string, detail?: string) {
  return {
    status,
    body: { type: `https://bridgeline.dev/problems/${code}`, title: code, status, code, detail },
  };
}
