import { isUtf8 } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import {
  answerUnstoredDelivery,
  problem,
  queryOf,
  readBody,
  sendJson,
  sendProblem,
} from '../../http/index.js';
import { parseEventGridDelivery, type ParsedEvent } from './event-grid.parser.js';

export const SMS_EVENTS_PATH = '/api/sms/events';

export interface SmsEventsRouteDeps {
  log: Logger;
  /** `?code=` of the Event Grid subscription's URL (ACS_EVENTS_SECRET). */
  secret: string;
  maxBytes: number;
  /** Stores the delivery's SMS events (committed) before the route answers; throws when it could not. */
  accept: (events: Extract<ParsedEvent, { kind: 'sms' }>[], raw: Buffer) => Promise<void>;
}

/**
 * Azure Event Grid's push to Bridgeline (docs/admin.md, "SMS"): the subscription's URL carries a shared secret
 * (`?code=`), checked before anything is read; the Event Grid schema's SubscriptionValidation handshake is answered
 * with `{ validationResponse }`, CloudEvents 1.0's with the OPTIONS abuse-protection handshake. Events are stored
 * before the 200, idempotently; a malformed event answers 400 naming it while its siblings are stored.
 */
export function registerSmsEventsRoutes(server: Server, deps: SmsEventsRouteDeps): void {
  const { log } = deps;

  server.opts(SMS_EVENTS_PATH, (req: Request, res: Response, next) => {
    if (!authorised(req, deps.secret)) {
      refuse(req, res, log);
      return next();
    }
    // CloudEvents 1.0 webhook abuse protection: allow the origin that asks (Event Grid: eventgrid.azure.net).
    const origin = req.headers['webhook-request-origin'];
    res.setHeader('webhook-allowed-origin', typeof origin === 'string' ? origin : 'eventgrid.azure.net');
    res.setHeader('webhook-allowed-rate', '*');
    res.setHeader('allow', 'OPTIONS, POST');
    res.status(200);
    res.end();
    next();
  });

  server.post(SMS_EVENTS_PATH, (req: Request, res: Response, next) => {
    handlePost(req, res, deps)
      // Not committed: a 500 makes Event Grid deliver again later (it retries with backoff for 24 hours).
      .catch((error: unknown) =>
        answerUnstoredDelivery(req, res, error, log, 'SMS events could not be stored'),
      )
      .finally(() => next());
  });
}

async function handlePost(req: Request, res: Response, deps: SmsEventsRouteDeps): Promise<void> {
  if (!authorised(req, deps.secret)) {
    refuse(req, res, deps.log);
    return;
  }
  const body = await readBody(req, deps.maxBytes);
  let json: unknown;
  try {
    if (!isUtf8(body)) throw new Error('not UTF-8');
    json = JSON.parse(body.toString('utf8'));
  } catch {
    sendProblem(res, problem('validation_failed', 'The body is not valid JSON.'));
    return;
  }
  const parsed = parseEventGridDelivery(json);
  if (!parsed.ok) {
    sendProblem(res, problem('validation_failed', parsed.reason));
    return;
  }
  const validation = parsed.events.find((e) => e.kind === 'validation');
  if (validation?.kind === 'validation') {
    deps.log.info('Event Grid subscription validated');
    sendJson(res, 200, { validationResponse: validation.validationCode });
    return;
  }
  const sms = parsed.events.filter((e): e is Extract<ParsedEvent, { kind: 'sms' }> => e.kind === 'sms');
  await deps.accept(sms, body);
  const bad = parsed.events.filter(
    (e): e is Extract<ParsedEvent, { kind: 'malformed' }> => e.kind === 'malformed',
  );
  if (bad.length > 0) {
    deps.log.warn(
      { reqId: req.id(), malformed: bad },
      'SMS events refused: malformed (their siblings are stored)',
    );
    const words = bad.map((b) => `event ${b.index}${b.id ? ` (${b.id})` : ''}: ${b.reason}`).join('; ');
    sendProblem(
      res,
      problem('validation_failed', `${words}. The other ${parsed.events.length - bad.length} stored.`),
    );
    return;
  }
  sendJson(res, 200, { received: sms.length });
}

function authorised(req: Request, secret: string): boolean {
  let code: string | undefined;
  try {
    code = queryOf(req).code;
  } catch {
    return false;
  }
  if (code === undefined) return false;
  const given = Buffer.from(code);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function refuse(req: Request, res: Response, log: Logger): void {
  log.warn({ reqId: req.id() }, 'SMS events with a missing or wrong code refused');
  sendProblem(res, problem('unauthorized', 'The ?code= of the Event Grid subscription is missing or wrong.'));
}
