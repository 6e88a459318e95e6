import type { Next, Request, Response } from 'restify';
import type { Logger } from 'pino';
import { findJsonProblem, hasUnsafeText, type JsonProblem } from '@bridgeline/shared';
import type { MemberRecord } from '../ports/index.js';
import { bearerToken, type Authenticator, type SignedIn } from './auth.js';
import { isDatabaseOutage, OUTAGE_RETRY_AFTER_SECONDS } from '../db/index.js';
import { ProblemError, problem, sendProblem } from './problem.js';
import { readBody } from './request-body.js';

export type RawRequest = Request & { parsedBody?: unknown; rawBody?: Buffer };

const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Reads and parses a JSON body once, with a size cap; malformed JSON is a 400, too much is a 413. Path parameters,
 * the query and the body with a NUL or a lone surrogate (which PostgreSQL cannot store), or nested absurdly deep, are
 * a 400 `validation_failed` too: refused at the edge rather than failing in the database.
 */
async function readJson(req: RawRequest, maxBytes: number): Promise<void> {
  refuseUnsafeParams(req);
  queryOf(req);
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
  req.rawBody = await readBody(req, maxBytes);
  if (req.rawBody.length === 0) return;
  const type = req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json/i.test(type)) {
    throw new ProblemError(problem('validation_failed', 'Send the body as application/json.'));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    throw new ProblemError(problem('validation_failed', 'The body is not valid JSON.'));
  }
  const found = findJsonProblem(parsed);
  if (found) throw unsafeInput(found);
  req.parsedBody = parsed;
}

function unsafeInput(found: JsonProblem): ProblemError {
  const message =
    found.problem === 'too_deep'
      ? 'is nested too deeply'
      : 'contains a character that cannot be stored (NUL or a lone surrogate)';
  return new ProblemError(
    problem('validation_failed', `${found.path}: ${message}`, [{ path: found.path, message }]),
  );
}

function refuseUnsafeParams(req: Request): void {
  const params = (req.params ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(params))
    if (typeof value === 'string' && hasUnsafeText(value))
      throw unsafeInput({ path: name, problem: 'unsafe_text' });
}

/** Wraps an async route: a problem for expected errors, a logged 500 (never a crash, never a stack trace) otherwise. */
export function handle(
  log: Logger,
  fn: (req: RawRequest, res: Response) => Promise<void>,
  options: { maxBytes?: number } = {},
) {
  return (req: RawRequest, res: Response, next: Next): void => {
    readJson(req, options.maxBytes ?? MAX_JSON_BYTES)
      .then(() => fn(req, res))
      .catch((error: unknown) => {
        if (res.headersSent) {
          log.error({ err: error, path: req.path() }, 'request failed after the answer started');
          return;
        }
        if (error instanceof ProblemError) return sendProblem(res, error.problem);
        if (isDatabaseOutage(error)) {
          log.warn(
            { err: error, method: req.method, path: req.path(), reqId: req.id() },
            'database unavailable',
          );
          res.setHeader('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
          return sendProblem(
            res,
            problem('unavailable', 'The database is not reachable just now; try again shortly.'),
          );
        }
        log.error({ err: error, method: req.method, path: req.path(), reqId: req.id() }, 'request failed');
        sendProblem(res, problem('internal'));
      })
      .finally(() => next());
  };
}

/**
 * What a route asks of its caller. `enabled` (the default, so a new route cannot forget it): a member enabled for
 * messaging; everything about conversations, contacts, members, templates, media and live events needs it.
 * `signed-in`: any member (GET /me, so the tab can say why it shows nothing). `admin`: an admin, enabled or not (an
 * admin manages who is enabled, themselves included).
 */
export type CallerRequirement = 'enabled' | 'signed-in' | 'admin';

/** Seconds a client should wait before retrying when the caller could not be checked (the database is down). */
export const AUTH_RETRY_AFTER_SECONDS = OUTAGE_RETRY_AFTER_SECONDS;

/**
 * Who is calling, or a problem: 401 for a missing, bad or expired token; 503 `unavailable` with Retry-After when the
 * token could not be checked (an outage must not sign members out); 403 when the caller lacks `requires`.
 */
export async function authenticateRequest(
  log: Logger,
  auth: Authenticator,
  req: Request,
  res: Response,
  options: { allowQueryToken?: boolean; requires?: CallerRequirement } = {},
): Promise<SignedIn> {
  const queryToken = options.allowQueryToken
    ? new URL(req.url ?? '/', 'http://x').searchParams.get('access_token')
    : null;
  const token = bearerToken(req) ?? queryToken;
  if (!token) throw new ProblemError(problem('unauthorized', 'Send a Bearer token.'));
  let signedIn: SignedIn | null;
  try {
    signedIn = await auth.authenticate(token);
  } catch (error) {
    const refusal = error instanceof ProblemError ? error : null;
    if (refusal && refusal.problem.status !== 503) throw refusal;
    if (!refusal) log.warn({ err: error, reqId: req.id() }, 'the caller could not be checked');
    res.setHeader('retry-after', String(AUTH_RETRY_AFTER_SECONDS));
    throw refusal ?? new ProblemError(problem('unavailable', 'Your sign-in could not be checked just now.'));
  }
  if (!signedIn) throw new ProblemError(problem('unauthorized', 'The token is invalid or expired.'));
  const requires = options.requires ?? 'enabled';
  if (requires === 'enabled' && !signedIn.member.enabled) throw new ProblemError(problem('not_enabled'));
  if (requires === 'admin' && !signedIn.member.isAdmin) throw new ProblemError(problem('admin_only'));
  return signedIn;
}

/** Requires a valid Bearer token (or `access_token` on routes that allow it, for EventSource) and `requires`. */
export function authed(
  log: Logger,
  auth: Authenticator,
  fn: (req: RawRequest, res: Response, caller: MemberRecord, signedIn: SignedIn) => Promise<void>,
  options: { allowQueryToken?: boolean; requires?: CallerRequirement } = {},
) {
  return handle(log, async (req, res) => {
    const signedIn = await authenticateRequest(log, auth, req, res, options);
    await fn(req, res, signedIn.member, signedIn);
  });
}

/** The query string's parameters; one with a NUL (which PostgreSQL cannot store) is a 400 `validation_failed`. */
export function queryOf(req: Request): Record<string, string> {
  let query: Record<string, string>;
  try {
    query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  } catch {
    // A target such as "//[" reads as a URL with a broken host.
    throw new ProblemError(problem('validation_failed', 'The request target is not a valid URL.'));
  }
  for (const [name, value] of Object.entries(query))
    if (hasUnsafeText(name) || hasUnsafeText(value))
      throw unsafeInput({ path: name, problem: 'unsafe_text' });
  return query;
}
