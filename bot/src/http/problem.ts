import type { Request, Response } from 'restify';
import type { z } from 'zod';
import { ERROR_CODES, problemType, type ErrorCode, type Problem } from '@bridgeline/shared';
import type { Outcome } from '../app/outcome.js';

/** Errors as application/problem+json (RFC 9457) with a stable `code`; a member-readable `title`. */
export function problem(code: ErrorCode, detail?: string, errors?: Problem['errors']): Problem {
  const { status, title } = ERROR_CODES[code];
  return {
    type: problemType(code),
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(res: Response, p: Problem): void {
  res.status(p.status);
  res.setHeader('content-type', 'application/problem+json');
  res.setHeader('cache-control', 'no-store');
  res.sendRaw(JSON.stringify(p));
}

export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.sendRaw(JSON.stringify(body));
}

export function sendOutcome<T>(res: Response, outcome: Outcome<T>, status = 200): void {
  if (outcome.ok) sendJson(res, status, outcome.value);
  else
    sendProblem(res, {
      ...problem(outcome.code, outcome.detail),
      ...(outcome.rule ? { rule: outcome.rule } : {}),
    });
}

/** Thrown by `parse` so a handler reads straight; the server turns it into a 400 problem. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ProblemError(
    problem(
      'validation_failed',
      result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    ),
  );
}

export function bodyOf(req: Request): unknown {
  return (req as Request & { parsedBody?: unknown }).parsedBody ?? {};
}
