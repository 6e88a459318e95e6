import { z } from 'zod';
import type { Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { AdminContext } from '../app/admin/admin-context.js';
import type { ComplianceContext } from '../app/compliance/compliance-context.js';
import type { AppContext } from '../app/context.js';
import type { LiveEventSource, MemberRecord, UnitOfWork } from '../ports/index.js';
import type { Authenticator, DevAuthenticator, SignedIn } from './auth.js';
import { authed, handle, queryOf, type CallerRequirement, type RawRequest } from './handler.js';
import { bodyOf, parse } from './problem.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';

/** The path parameters of a route on one resource: `/…/{id}`, a UUID. */
export const IdParams = z.object({ id: z.uuid() });

/** Who may call a route: `public` (no bearer token), or what `authed` requires of the signed-in member. */
export type Access = 'public' | CallerRequirement;

/**
 * What the OpenAPI document (GET /api/openapi.json) and docs/api.md say of one route. Routes this module serves are
 * `RouteEntry`s (a description and its handler, registered from the same object); other adapters that register
 * their own routes (Meta's webhook, media, the Bot Framework endpoint) hand the server a `RouteDoc` for each.
 */
export interface RouteDoc {
  method: Method;
  /** In restify's form, `/api/v1/threads/:id`; the document writes `{id}`. */
  path: string;
  /** Stable name of the operation, also a heading of docs/api.md. */
  operationId: string;
  summary: string;
  auth: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A JSON body, validated with this schema. */
  body?: z.ZodType;
  /** A body that is not JSON (a multipart upload, a JSON body this server does not validate itself). */
  requestBody?: object;
  /** Parameters beyond path and query (a signature header). */
  headers?: object[];
  response: {
    status: number;
    /** A JSON answer. */
    schema?: z.ZodType;
    /** An answer that is not JSON (an event stream, image bytes, text). */
    content?: object;
    /** Other success statuses with the same content, and when they happen. */
    also?: Record<number, string>;
  };
  /** Served only when dev sign-in is on (AUTH_MODE=dev). */
  onlyWith?: 'dev-sign-in';
}

/** What the server hands every handler. */
export interface RouteDeps {
  log: Logger;
  ctx: AppContext;
  compliance: ComplianceContext;
  /** The admin area's use cases (numbers, tenant settings, audit). */
  admin: AdminContext;
  uow: UnitOfWork;
  live: LiveEventSource;
  dev: DevAuthenticator | null;
  ready: () => Promise<boolean>;
  clientConfig: { authMode: 'dev' | 'entra'; sandbox: boolean };
  /** The document this server serves at GET /api/openapi.json. */
  openApi: () => object;
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

/** One call of a route: its path parameters, query and body already validated (a 400 otherwise). */
export interface Call<A extends Access, P, Q, B> {
  req: RawRequest;
  res: Response;
  deps: RouteDeps;
  /** The signed-in member (`null` on public routes). */
  caller: A extends 'public' ? null : MemberRecord;
  signedIn: A extends 'public' ? null : SignedIn;
  params: P;
  query: Q;
  body: B;
}

export interface RouteEntry extends RouteDoc {
  /** EventSource cannot send headers: this route also takes the token as `access_token` in the query. */
  allowQueryToken?: boolean;
  handle(call: Call<Access, unknown, unknown, unknown>): Promise<void>;
}

/**
 * One route of the table: its description and its handler. Parameters, query and body are parsed in that order with
 * the schemas the document shows, after the caller is checked against `auth`.
 */
export function route<
  A extends Access,
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  entry: Omit<RouteDoc, 'auth' | 'params' | 'query' | 'body'> & {
    auth: A;
    params?: P;
    query?: Q;
    body?: B;
    allowQueryToken?: boolean;
    handle(call: Call<A, Parsed<P>, Parsed<Q>, Parsed<B>>): Promise<void>;
  },
): RouteEntry {
  return entry as unknown as RouteEntry;
}

/** Whether a described route is served with these settings. */
export const isServed = (doc: RouteDoc, options: { devSignIn: boolean }): boolean =>
  doc.onlyWith !== 'dev-sign-in' || options.devSignIn;

const RESTIFY_METHOD = {
  get: 'get',
  post: 'post',
  put: 'put',
  patch: 'patch',
  delete: 'del',
  options: 'opts',
} as const;

/** Registers each entry's handler at its method and path: the table is what the server serves. */
export function registerRoutes(
  server: Server,
  entries: readonly RouteEntry[],
  deps: RouteDeps & { auth: Authenticator },
): void {
  const { log, auth } = deps;
  for (const entry of entries) {
    if (!isServed(entry, { devSignIn: deps.dev !== null })) continue;
    const call = (req: RawRequest, res: Response, signedIn: SignedIn | null) =>
      entry.handle({
        req,
        res,
        deps,
        caller: signedIn?.member ?? null,
        signedIn,
        params: entry.params ? parse(entry.params, req.params) : undefined,
        query: entry.query ? parse(entry.query, queryOf(req)) : undefined,
        body: entry.body ? parse(entry.body, bodyOf(req)) : undefined,
      } as Call<Access, unknown, unknown, unknown>);
    const handler =
      entry.auth === 'public'
        ? handle(log, (req, res) => call(req, res, null))
        : authed(log, auth, (req, res, _caller, signedIn) => call(req, res, signedIn), {
            requires: entry.auth,
            ...(entry.allowQueryToken ? { allowQueryToken: true } : {}),
          });
    server[RESTIFY_METHOD[entry.method]](entry.path, handler);
  }
}
