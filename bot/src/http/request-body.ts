import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import { ProblemError, problem, sendProblem } from './problem.js';

/**
 * A body over its route's cap: a 413 `payload_too_large`. Refused as soon as the declared Content-Length or the bytes
 * read so far pass the cap; the rest is never read (a route may close the connection rather than receive it).
 */
export class BodyTooLarge extends ProblemError {
  constructor(maxBytes: number, detail = `The body is over ${maxBytes} bytes.`) {
    super(problem('payload_too_large', detail));
    this.name = 'BodyTooLarge';
  }
}

/**
 * The one reader of request bodies: the raw bytes, at most `maxBytes` (else `BodyTooLarge`, with `detail` when given).
 * The bytes are kept as received: a signature over them (Meta's webhook) still verifies.
 */
export async function readBody(req: Request, maxBytes: number, detail?: string): Promise<Buffer> {
  const declared = Number(req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge(maxBytes, detail);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLarge(maxBytes, detail);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Answers a provider's delivery (Meta's webhook, Event Grid's events) that failed before it was stored. An oversized
 * body is refused and the connection closed (the rest is not worth receiving); a refusal in words is sent as it is;
 * anything else is a 500, which makes the provider deliver again later — nothing was committed, so nothing is lost.
 */
export function answerUnstoredDelivery(
  req: Request,
  res: Response,
  error: unknown,
  log: Logger,
  message: string,
): void {
  if (res.headersSent) return;
  if (error instanceof BodyTooLarge) res.setHeader('connection', 'close');
  if (error instanceof ProblemError) {
    sendProblem(res, error.problem);
    return;
  }
  log.error({ err: error, reqId: req.id() }, message);
  sendProblem(res, problem('internal'));
}
