import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_PREFIX = 'sha256=';
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** Meta's `X-Hub-Signature-256` header name, lower-cased as Node delivers it. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * Checks Meta's `X-Hub-Signature-256: sha256=<hex>` over the raw request bytes.
 * Always the bytes as received: Meta escapes non-ASCII as \uXXXX on the wire, so JSON re-serialised after parsing
 * differs from what was signed.
 */
export function verifySignature(
  rawBody: Buffer,
  header: string | readonly string[] | undefined,
  appSecret: string,
): boolean {
  // A repeated header (Node gives an array) is not something Meta sends: refuse rather than pick one.
  if (typeof header !== 'string' || appSecret === '') return false;
  const trimmed = header.trim();
  if (!trimmed.toLowerCase().startsWith(SIGNATURE_PREFIX)) return false;
  const hex = trimmed.slice(SIGNATURE_PREFIX.length);
  // Checked before decoding: Buffer.from(hex) silently drops invalid characters.
  if (!SHA256_HEX.test(hex)) return false;
  const received = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  // timingSafeEqual throws on a length mismatch; the regex above already fixed the length, this keeps it explicit.
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** The signature header value Meta would send for these bytes (for the sandbox and tests). */
export function signBody(rawBody: Buffer, appSecret: string): string {
  return SIGNATURE_PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

export type HandshakeQuery = Readonly<Record<string, string | string[] | undefined>>;

export type HandshakeResult =
  | { ok: true; challenge: string }
  | { ok: false; reason: 'missing_parameters' | 'wrong_mode' | 'wrong_token' };

function single(value: string | string[] | undefined): string | undefined {
  // A repeated parameter is ambiguous: treat it as missing rather than pick one.
  return typeof value === 'string' ? value : undefined;
}

/**
 * Meta's subscription check: `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`.
 * Answer 200 with the challenge as plain text when ok, 403 otherwise (400 may be used for missing parameters).
 */
export function verifyHandshake(query: HandshakeQuery, verifyToken: string): HandshakeResult {
  const mode = single(query['hub.mode']);
  const token = single(query['hub.verify_token']);
  const challenge = single(query['hub.challenge']);
  if (mode === undefined || token === undefined || challenge === undefined) {
    return { ok: false, reason: 'missing_parameters' };
  }
  if (mode !== 'subscribe') return { ok: false, reason: 'wrong_mode' };
  if (verifyToken === '' || !constantTimeEquals(token, verifyToken))
    return { ok: false, reason: 'wrong_token' };
  return { ok: true, challenge };
}

function constantTimeEquals(a: string, b: string): boolean {
  // Compare digests so that neither the content nor the length of the configured token leaks through timing.
  const da = createHmac('sha256', 'handshake').update(a).digest();
  const db = createHmac('sha256', 'handshake').update(b).digest();
  return timingSafeEqual(da, db);
}
