import { isUtf8 } from 'node:buffer';
import type { Logger } from 'pino';
import { safeJson } from '@bridgeline/shared';
import type { Request, Response, Server } from 'restify';
import {
  answerUnstoredDelivery,
  ProblemError,
  problem,
  queryOf,
  readBody,
  sendJson,
  sendProblem,
} from '../../http/index.js';
import { parseWebhook, type WebhookBatch } from './webhook-payload.parser.js';
import { SIGNATURE_HEADER, verifyHandshake, verifySignature } from './webhook-signature.js';

export const WEBHOOK_PATH = '/api/whatsapp/webhook';

export interface WebhookRouteDeps {
  log: Logger;
  appSecret: string;
  verifyToken: string;
  /** Bodies over this are refused with 413 before they are read to the end. */
  maxBytes: number;
  /** Stores the batch (committed) before the route answers 200; throws when it could not. */
  ingest: (batch: WebhookBatch, raw: { body: Buffer; signature: string }) => Promise<void>;
}

/**
 * Meta's webhook (docs/whatsapp.md): the edge stays thin — verify the signature on the raw bytes,
 * store idempotently in one transaction, answer 200 only once committed. Heavy work runs as jobs.
 */
export function registerWebhookRoutes(server: Server, deps: WebhookRouteDeps): void {
  const { log } = deps;

  server.get(WEBHOOK_PATH, (req: Request, res: Response, next) => {
    let query: Record<string, string>;
    try {
      query = queryOf(req);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      sendProblem(res, error.problem);
      return next();
    }
    const result = verifyHandshake(query, deps.verifyToken);
    if (result.ok) {
      res.status(200);
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.sendRaw(result.challenge);
    } else {
      log.warn({ reason: result.reason }, 'WhatsApp webhook verification refused');
      sendProblem(
        res,
        result.reason === 'missing_parameters'
          ? problem('validation_failed', 'Send hub.mode, hub.verify_token and hub.challenge.')
          : problem('forbidden', 'The verify token does not match.'),
      );
    }
    next();
  });

  server.post(WEBHOOK_PATH, (req: Request, res: Response, next) => {
    handlePost(req, res, deps)
      // Not committed: a 500 makes Meta deliver the batch again later.
      .catch((error: unknown) =>
        answerUnstoredDelivery(req, res, error, log, 'WhatsApp webhook could not be stored'),
      )
      .finally(() => next());
  });
}

async function handlePost(req: Request, res: Response, deps: WebhookRouteDeps): Promise<void> {
  const { log } = deps;
  const body = await readBody(req, deps.maxBytes);
  const signature = req.headers[SIGNATURE_HEADER];
  if (!verifySignature(body, signature, deps.appSecret)) {
    log.warn(
      { reqId: req.id(), signed: signature !== undefined },
      'WhatsApp webhook with a missing or wrong signature',
    );
    sendProblem(res, problem('unauthorized', 'The X-Hub-Signature-256 header is missing or wrong.'));
    return;
  }
  let json: unknown;
  try {
    // JSON is UTF-8 (RFC 8259): bytes that are not could not be kept exactly as signed, so they are refused unread.
    if (!isUtf8(body)) throw new Error('not UTF-8');
    json = JSON.parse(body.toString('utf8'));
  } catch {
    sendProblem(res, problem('validation_failed', 'The body is not valid JSON.'));
    return;
  }
  // NUL and lone surrogates (which PostgreSQL cannot store) become U+FFFD, absurd nesting null, in what is applied;
  // the raw body is kept as received. See docs/whatsapp.md.
  const safe = safeJson(json);
  if (safe !== json) log.warn({ reqId: req.id() }, 'WhatsApp webhook with characters made safe');
  const parsed = parseWebhook(safe);
  if (!parsed.ok) {
    if (parsed.reason === 'not_an_object') {
      sendProblem(res, problem('validation_failed', parsed.issues.join('; ')));
      return;
    }
    // Signed by our app but about another product (page, instagram): nothing to store, and no reason to redeliver.
    log.warn({ issues: parsed.issues }, 'WhatsApp webhook for another object acknowledged and ignored');
    sendJson(res, 200, { received: true });
    return;
  }
  for (const item of parsed.skipped) log.warn(item, 'WhatsApp webhook item skipped');
  if (parsed.ignoredFields.length > 0)
    log.debug({ fields: parsed.ignoredFields }, 'WhatsApp webhook fields ignored');
  await deps.ingest(parsed, { body, signature: signature as string });
  sendJson(res, 200, { received: true });
}
