import type { GraphErrorDetail } from '../graph/graph-errors.js';
import { WebhookStatusSchema } from './webhook-payload.schema.js';
import type { WhatsAppUserRef } from './webhook-message.parser.js';
import {
  asRecord,
  epochSecondsToDate,
  issuesOf,
  reject,
  toErrorDetail,
  type ValueContext,
} from './webhook-parse-support.js';

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface StatusUpdate {
  wamid: string;
  status: DeliveryStatus;
  timestamp: Date;
  recipient: WhatsAppUserRef;
  /** What we put in `biz_opaque_callback_data` when sending: our own message id. */
  bizOpaque: string | null;
  errors: GraphErrorDetail[];
  conversation: { id: string | null; originType: string | null; expiresAt: Date | null } | null;
  pricing: {
    billable: boolean | null;
    model: string | null;
    category: string | null;
    type: string | null;
  } | null;
  raw: Record<string, unknown>;
}

function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value);
}

/** One `statuses[]` item → a status update; null when it is rejected (kept raw) or one Bridgeline ignores. */
export function parseStatus(rawItem: unknown, ctx: ValueContext): StatusUpdate | null {
  const parsed = WebhookStatusSchema.safeParse(rawItem);
  if (!parsed.success) return reject(ctx, 'status', rawItem, `invalid status: ${issuesOf(parsed.error)}`);
  const s = parsed.data;
  if (!isDeliveryStatus(s.status)) {
    // A status Bridgeline has no use for ("played" of a voice note): not broken, just ignored.
    ctx.skipped.push({ path: ctx.path, reason: `status ${s.id}: unhandled status "${s.status}"` });
    return null;
  }
  const timestamp = epochSecondsToDate(s.timestamp);
  if (timestamp === null) return reject(ctx, 'status', rawItem, `status ${s.id}: invalid timestamp`);
  const expires = s.conversation?.expiration_timestamp;
  return {
    wamid: s.id,
    status: s.status,
    timestamp,
    recipient: {
      waId: s.recipient_id ?? null,
      bsuid: s.recipient_user_id ?? null,
      parentBsuid: s.parent_recipient_user_id ?? null,
    },
    bizOpaque: s.biz_opaque_callback_data ?? null,
    errors: (s.errors ?? []).map(toErrorDetail),
    conversation: s.conversation
      ? {
          id: s.conversation.id ?? null,
          originType: s.conversation.origin?.type ?? null,
          expiresAt: expires === undefined ? null : epochSecondsToDate(expires),
        }
      : null,
    pricing: s.pricing
      ? {
          billable: s.pricing.billable ?? null,
          model: s.pricing.pricing_model ?? null,
          category: s.pricing.category ?? null,
          type: s.pricing.type ?? null,
        }
      : null,
    raw: asRecord(rawItem),
  };
}
