import { createHmac } from 'node:crypto';
import { canonicalJson, type StoredRecord } from '../../domain/archive/index.js';
import type { ArchiveDelivery } from '../../ports/index.js';

export interface CrmPushOptions {
  /** CRM_WEBHOOK_URL */
  url: string;
  /** CRM_WEBHOOK_SECRET: the HMAC-SHA256 key of `X-Bridgeline-Signature`. */
  secret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`: what the receiver recomputes over the bytes it read. */
export const crmSignature = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/** The same key for the same record, whatever the number of attempts: the receiver ignores a key it has seen. */
export const crmIdempotencyKey = (record: StoredRecord): string =>
  `bridgeline.${record.payload.tenantId}.${record.seq}.${record.hash.slice(0, 16)}`;

/** The request of one record: its body (the record's canonical JSON, with its content) and headers. */
export function crmRequest(
  record: StoredRecord,
  secret: string,
): { body: string; headers: Record<string, string> } {
  const body = canonicalJson(record.payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-bridgeline-signature': crmSignature(secret, body),
      'x-bridgeline-tenant': record.payload.tenantId,
      'x-bridgeline-record': String(record.seq),
      'x-bridgeline-type': record.payload.type,
      'x-bridgeline-hash': record.hash,
      'x-bridgeline-prev-hash': record.prevHash,
      'idempotency-key': crmIdempotencyKey(record),
    },
  };
}

/**
 * The CRM push: each record POSTed to CRM_WEBHOOK_URL. Only a 2xx accepts it. Every other answer is a failure and the
 * record is tried again (the drain's backoff, for ever), 4xx included: a receiver that refuses a record today (a bad
 * deploy, a rotated secret) must not make the firm lose it, so the push waits, shows the error on the health panel,
 * and goes on once the receiver takes it. Redirects are not followed (a record is never re-sent somewhere else).
 */
export function createCrmPush(options: CrmPushOptions): ArchiveDelivery {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    sink: 'crm',
    async deliver(record) {
      const { body, headers } = crmRequest(record, options.secret);
      let res: Response;
      try {
        res = await doFetch(options.url, {
          method: 'POST',
          headers,
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const why = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
        throw new Error(`CRM endpoint unreachable: ${why}`);
      }
      const text = await res.text().catch(() => '');
      if (res.status < 200 || res.status > 299)
        throw new Error(
          `CRM endpoint answered HTTP ${res.status}${text ? `: ${text.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`,
        );
    },
  };
}
