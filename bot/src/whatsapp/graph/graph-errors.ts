/**
 * What to do when Meta says no. Codes from Meta's Cloud API error-code reference
 * (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes) and the Graph API
 * error-handling guide; the same codes arrive synchronously (Graph error body) and asynchronously (failed status).
 * Decisions are matched on `code` (and HTTP status as a fallback), never on titles, which Meta says will change.
 */

/** One error as Meta reports it, flattened (sync `error` body or webhook `errors[]` entry). */
export interface GraphErrorDetail {
  code: number;
  title: string | null;
  message: string | null;
  /** `error_data.details`: the most specific text Meta gives; shown to the member. */
  details: string | null;
  href: string | null;
}

export type ErrorDecision =
  /** The contact can't be reached on WhatsApp (not a user, blocked us, old client): offer SMS. */
  | { kind: 'unreachable'; code: number | null; reason: string }
  /** Meta says the 24-hour window is closed: hold the message and send the resume template. */
  | { kind: 'window_closed'; code: number | null; reason: string }
  /** Transient: send again after about `backoffMs` (the caller adds jitter and grows it per attempt). */
  | { kind: 'retry'; code: number | null; reason: string; backoffMs: number }
  /** Our setup is wrong (token, permissions, number registration): fail, and log one clear line for operators. */
  | { kind: 'config'; code: number | null; reason: string }
  /** This message will never go as is: failed, with Meta's reason shown to the member. */
  | { kind: 'permanent'; code: number | null; reason: string };

export type ErrorKind = ErrorDecision['kind'];

type Rule =
  | { kind: 'unreachable' | 'window_closed' | 'config' | 'permanent'; reason: string }
  | { kind: 'retry'; reason: string; backoffMs: number };

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Exact codes. Ranges (132xxx templates, 133xxx registration, 200–299 permissions) are handled below. */
export const GRAPH_ERROR_RULES: ReadonlyMap<number, Rule> = new Map<number, Rule>([
  // Reachability and the window
  [
    131026,
    { kind: 'unreachable', reason: 'Message undeliverable: the contact cannot be reached on WhatsApp' },
  ],
  [
    131047,
    { kind: 'window_closed', reason: 'Re-engagement message: more than 24 hours since the contact wrote' },
  ],

  // Throughput and rate limits
  [
    130429,
    { kind: 'retry', reason: 'Cloud API throughput limit of the business number reached', backoffMs: SECOND },
  ],
  [
    131056,
    { kind: 'retry', reason: 'Pair rate limit: too many messages to this contact', backoffMs: 6 * SECOND },
  ],
  // Meta restricts a number whose messages were blocked or reported; sending again soon only makes it worse.
  [
    131048,
    {
      kind: 'retry',
      reason: 'Spam rate limit hit: the number is restricted for now',
      backoffMs: 15 * MINUTE,
    },
  ],
  [4, { kind: 'retry', reason: 'Application request limit reached', backoffMs: MINUTE }],
  [17, { kind: 'retry', reason: 'User request limit reached', backoffMs: MINUTE }],
  [613, { kind: 'retry', reason: 'Call rate limit exceeded', backoffMs: MINUTE }],
  [80007, { kind: 'retry', reason: 'WhatsApp Business Account rate limit reached', backoffMs: MINUTE }],

  // Meta-side failures
  [1, { kind: 'retry', reason: 'Unknown Graph API error', backoffMs: 5 * SECOND }],
  [2, { kind: 'retry', reason: 'Graph API service temporarily unavailable', backoffMs: 5 * SECOND }],
  [131000, { kind: 'retry', reason: 'Something went wrong at Meta', backoffMs: 5 * SECOND }],
  [131016, { kind: 'retry', reason: 'Service unavailable', backoffMs: 5 * SECOND }],
  [131057, { kind: 'retry', reason: 'Business account in maintenance mode', backoffMs: 5 * MINUTE }],
  [133004, { kind: 'retry', reason: 'Server temporarily unavailable', backoffMs: 5 * SECOND }],

  // Our configuration: one clear log line for operators, nothing the member can fix
  [0, { kind: 'config', reason: 'Authentication failed (AuthException)' }],
  [3, { kind: 'config', reason: 'The app lacks the capability or permission for this call' }],
  [10, { kind: 'config', reason: 'Permission denied' }],
  [102, { kind: 'config', reason: 'API session expired or invalid' }],
  [104, { kind: 'config', reason: 'An access token is required' }],
  [190, { kind: 'config', reason: 'Access token invalid or expired (WHATSAPP_ACCESS_TOKEN)' }],
  [368, { kind: 'config', reason: 'Temporarily blocked for policy violations' }],
  [131005, { kind: 'config', reason: 'Access denied: the token lacks permission for this number' }],
  [131031, { kind: 'config', reason: 'Business account locked' }],
  [131037, { kind: 'config', reason: 'The number needs an approved display name' }],
  [131042, { kind: 'config', reason: 'Business eligibility payment issue' }],
  [131045, { kind: 'config', reason: 'Phone number not registered (incorrect certificate)' }],

  // This message, as is, will never go
  [100, { kind: 'permanent', reason: 'Invalid parameter' }],
  [130472, { kind: 'permanent', reason: "The contact's number is part of a Meta experiment" }],
  [130497, { kind: 'permanent', reason: 'The business cannot message users in this country' }],
  [131008, { kind: 'permanent', reason: 'Required parameter is missing' }],
  [131009, { kind: 'permanent', reason: 'Parameter value is not valid' }],
  [131021, { kind: 'permanent', reason: 'Sender and recipient are the same number' }],
  [131049, { kind: 'permanent', reason: 'Meta chose not to deliver this marketing message' }],
  [131050, { kind: 'permanent', reason: 'The contact stopped marketing messages' }],
  [131051, { kind: 'permanent', reason: 'Unsupported message type' }],
  [131052, { kind: 'permanent', reason: 'Media download error' }],
  [131053, { kind: 'permanent', reason: 'Media upload error' }],
  [131055, { kind: 'permanent', reason: 'Method not allowed' }],
  [135000, { kind: 'permanent', reason: 'Generic user error' }],
]);

function fromRule(code: number, rule: Rule): ErrorDecision {
  return rule.kind === 'retry'
    ? { kind: 'retry', code, reason: rule.reason, backoffMs: rule.backoffMs }
    : { kind: rule.kind, code, reason: rule.reason };
}

function fromRange(code: number): ErrorDecision | null {
  if (code >= 132000 && code <= 132999) {
    return {
      kind: 'permanent',
      code,
      reason: 'Template error (missing, paused, disabled or wrong parameters)',
    };
  }
  if (code >= 133000 && code <= 133999) {
    return { kind: 'config', code, reason: 'Business phone number registration problem' };
  }
  if (code >= 200 && code <= 299) return { kind: 'config', code, reason: 'API permission missing' };
  return null;
}

export interface ClassifyInput {
  code?: number | null;
  /** HTTP status of a synchronous Graph answer; absent for webhook statuses. */
  httpStatus?: number | null;
  /** Graph's `is_transient` flag. */
  isTransient?: boolean | null;
}

/** One decision for one Meta error, sync or async. */
export function classifyGraphError(input: ClassifyInput): ErrorDecision {
  const code = input.code ?? null;
  if (code !== null) {
    const rule = GRAPH_ERROR_RULES.get(code);
    if (rule) return fromRule(code, rule);
    const ranged = fromRange(code);
    if (ranged) return ranged;
  }
  // Unknown code: fall back on the transport's own signals.
  const status = input.httpStatus ?? null;
  if (input.isTransient === true)
    return { kind: 'retry', code, reason: 'Transient Graph API error', backoffMs: 5 * SECOND };
  if (status === 429) return { kind: 'retry', code, reason: 'Too many requests', backoffMs: MINUTE };
  if (status !== null && status >= 500) {
    return { kind: 'retry', code, reason: `Graph API answered HTTP ${status}`, backoffMs: 5 * SECOND };
  }
  if (status === 401 || status === 403)
    return { kind: 'config', code, reason: `Graph API refused us (HTTP ${status})` };
  return {
    kind: 'permanent',
    code,
    reason: code === null ? 'Graph API request failed' : `Graph API error ${code}`,
  };
}

/** Timeouts and network failures: nothing reached Meta or no answer came back; the send is retried. */
export function classifyTransportFailure(failure: 'timeout' | 'network'): ErrorDecision {
  return failure === 'timeout'
    ? { kind: 'retry', code: null, reason: 'Graph API request timed out', backoffMs: 2 * SECOND }
    : { kind: 'retry', code: null, reason: 'Network error reaching the Graph API', backoffMs: 2 * SECOND };
}

const MAX_BACKOFF_MS = 30 * MINUTE;

/** The wait before attempt `attempt` (1 = first retry): the hint doubled per attempt, capped at 30 minutes. */
export function retryDelayMs(decision: Extract<ErrorDecision, { kind: 'retry' }>, attempt: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 20));
  return Math.min(decision.backoffMs * 2 ** exponent, MAX_BACKOFF_MS);
}

/** Base of every failure the Graph client throws; `decision` tells the send job what to do. */
export abstract class GraphClientError extends Error {
  abstract readonly decision: ErrorDecision;
}

export interface GraphApiErrorFields {
  httpStatus: number;
  code: number | null;
  subcode: number | null;
  type: string | null;
  title: string | null;
  message: string;
  details: string | null;
  fbtraceId: string | null;
  isTransient: boolean | null;
}

/** Meta answered with an error body (or a non-2xx without one). */
export class GraphApiError extends GraphClientError implements GraphApiErrorFields {
  override readonly name = 'GraphApiError';
  readonly httpStatus: number;
  readonly code: number | null;
  readonly subcode: number | null;
  readonly type: string | null;
  readonly title: string | null;
  readonly details: string | null;
  readonly fbtraceId: string | null;
  readonly isTransient: boolean | null;
  readonly decision: ErrorDecision;

  constructor(fields: GraphApiErrorFields) {
    super(fields.message);
    this.httpStatus = fields.httpStatus;
    this.code = fields.code;
    this.subcode = fields.subcode;
    this.type = fields.type;
    this.title = fields.title;
    this.details = fields.details;
    this.fbtraceId = fields.fbtraceId;
    this.isTransient = fields.isTransient;
    this.decision = classifyGraphError({
      code: fields.code,
      httpStatus: fields.httpStatus,
      isTransient: fields.isTransient,
    });
  }

  /** The same error in the shape webhooks use, to store on the message. */
  toDetail(): GraphErrorDetail {
    return {
      code: this.code ?? 0,
      title: this.title,
      message: this.message,
      details: this.details,
      href: null,
    };
  }
}

/** No answer: the request timed out or never reached Meta. A send may or may not have happened. */
export class GraphTransportError extends GraphClientError {
  override readonly name = 'GraphTransportError';
  readonly decision: ErrorDecision;

  constructor(
    readonly failure: 'timeout' | 'network',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.decision = classifyTransportFailure(failure);
  }
}

export type MediaRefusal =
  | 'host_not_allowed'
  | 'redirect_not_allowed'
  | 'too_many_redirects'
  | 'too_large'
  | 'unrecognised_type'
  | 'type_not_allowed';

/** We refused a media download on our own rules (host, redirect, size, type). Retrying would not help. */
export class MediaDownloadRefusedError extends GraphClientError {
  override readonly name = 'MediaDownloadRefusedError';
  readonly decision: ErrorDecision;

  constructor(
    readonly refusal: MediaRefusal,
    message: string,
  ) {
    super(message);
    this.decision = { kind: 'permanent', code: null, reason: message };
  }
}

/** Meta answered 2xx with a body we do not understand. For a send, the message may have gone out. */
export class GraphResponseError extends GraphClientError {
  override readonly name = 'GraphResponseError';
  readonly decision: ErrorDecision;

  constructor(
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
    this.decision = { kind: 'permanent', code: null, reason: message };
  }
}
