import type { z } from 'zod';
import type { GraphErrorDetail } from '../graph/graph-errors.js';
import { WebhookErrorSchema } from './webhook-payload.schema.js';

/** What the webhook parsers (messages, statuses, templates) share: timestamps, error details, rejected items. */

/** An item of a known shape (a message, a status) that does not match it: kept as Meta sent it, with the reason. */
export interface RejectedItem {
  kind: 'message' | 'status';
  /** Meta's id of the item (wamid), when it has one. */
  id: string | null;
  path: string;
  reason: string;
  raw: unknown;
}

/** Something in the body we could not use; one log line each, and the batch is still acknowledged. */
export interface SkippedItem {
  path: string;
  reason: string;
}

/** Meta's epoch seconds → Date (the window's clock). Null when absurd. */
export function epochSecondsToDate(value: string | number): Date | null {
  const seconds = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(seconds) || seconds <= 0) return null;
  return new Date(seconds * 1000);
}

export function toErrorDetail(error: z.output<typeof WebhookErrorSchema>): GraphErrorDetail {
  const details =
    typeof error.error_data === 'string' ? error.error_data : (error.error_data?.details ?? null);
  return {
    code: Number(error.code),
    title: error.title ?? null,
    message: error.message ?? null,
    details,
    href: error.href ?? null,
  };
}

export function parseErrors(value: unknown): GraphErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = WebhookErrorSchema.safeParse(item);
    return parsed.success ? [toErrorDetail(parsed.data)] : [];
  });
}

export function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export interface ValueContext {
  path: string;
  skipped: SkippedItem[];
  rejected: RejectedItem[];
}

export function reject(ctx: ValueContext, kind: RejectedItem['kind'], raw: unknown, reason: string): null {
  ctx.skipped.push({ path: ctx.path, reason });
  const id = asRecord(raw)['id'];
  ctx.rejected.push({ kind, id: typeof id === 'string' ? id : null, path: ctx.path, reason, raw });
  return null;
}
