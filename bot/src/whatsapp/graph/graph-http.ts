import type { z } from 'zod';
import { GraphApiError, GraphResponseError, GraphTransportError } from './graph-errors.js';
import { graphErrorFields } from './graph-api.responses.js';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface GraphHttpOptions {
  baseUrl: string;
  apiVersion: string;
  accessToken: string;
  fetch?: FetchLike | undefined;
  timeoutMs: number;
}

/** Ids go into the path: encoded, so an odd id can never point the request (and its token) at another path. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/**
 * The Graph API over HTTP, shared by every part of the client (sending, media, templates): versioned URLs, the bearer
 * token, a timeout, and failures turned into typed `GraphClientError`s.
 */
export class GraphHttp {
  readonly timeoutMs: number;
  /** Scheme, host and port of the configured base URL, where the token already goes. */
  readonly origin: string;
  private readonly baseUrl: string;
  private readonly apiVersion: string;
  private readonly accessToken: string;
  private readonly fetchImpl: FetchLike | undefined;

  constructor(options: GraphHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiVersion = options.apiVersion;
    this.accessToken = options.accessToken;
    this.fetchImpl = options.fetch;
    this.timeoutMs = options.timeoutMs;
    this.origin = new URL(this.baseUrl).origin;
  }

  url(path: string): URL {
    return new URL(`${this.baseUrl}/${this.apiVersion}/${path.replace(/^\/+/, '')}`);
  }

  /** One HTTP call with the bearer token and a timeout; Graph errors and non-2xx become typed errors. */
  async request(
    url: URL,
    init: RequestInit,
    headers: { accept: string } = { accept: 'application/json' },
  ): Promise<Response> {
    const fetchImpl = this.fetchImpl ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        ...init,
        // Graph never redirects API calls; refusing keeps the token from following one. Downloads pass 'manual'.
        redirect: init.redirect ?? 'error',
        headers: {
          ...(init.headers as Record<string, string>),
          Authorization: `Bearer ${this.accessToken}`,
          Accept: headers.accept,
        },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw this.toTransportError(error, url);
    }
    if (response.ok || (init.redirect === 'manual' && response.status >= 300 && response.status < 400)) {
      return response;
    }
    throw await this.toApiError(response);
  }

  toTransportError(error: unknown, url: URL | string): GraphTransportError {
    // The token is in a header, never in the URL; the query (media URLs carry signatures) is left out.
    let where = 'the Graph API';
    try {
      const parsed = new URL(url);
      where = `${parsed.origin}${parsed.pathname}`;
    } catch {
      // Mocked responses may have no URL; the generic wording will do.
    }
    if (isAbort(error)) {
      return new GraphTransportError(
        'timeout',
        `Graph API request timed out after ${this.timeoutMs} ms: ${where}`,
        {
          cause: error,
        },
      );
    }
    return new GraphTransportError('network', `Network error calling ${where}`, { cause: error });
  }

  async toApiError(response: Response): Promise<GraphApiError> {
    let text = '';
    try {
      text = await response.text();
    } catch {
      // The body is only for details; the status alone still classifies the error.
    }
    return new GraphApiError(graphErrorFields(response.status, response.statusText, text, response.headers));
  }

  async parseBody<T extends z.ZodType>(response: Response, schema: T, what: string): Promise<z.output<T>> {
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      // The timeout also covers the body: a stalled answer is a transport failure, not a malformed one.
      if (isAbort(error)) throw this.toTransportError(error, response.url);
      throw new GraphResponseError(response.status, `Unreadable ${what} response from Graph API`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new GraphResponseError(response.status, `Unexpected ${what} response from Graph API`);
    return parsed.data;
  }
}
