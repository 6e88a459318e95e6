import { z } from 'zod';
import { applyStatusIn, type ApplyStatusStore } from '../apply-status.use-case.js';
import type { AppContext } from '../context.js';
import { receiveMessageIn, type ReceiveStore } from '../receive-message.use-case.js';
import type { Store } from '../../ports/index.js';
import { fail, ok, type Outcome } from '../outcome.js';

/**
 * An SMS provider's event as the webhook inbox keeps it (one item each, applied by the inbox's workers like
 * WhatsApp's): a text from a contact, or a delivery report. The provider edge (sms/event-grid) writes these from
 * Event Grid's deliveries; the raw body is kept beside them (webhook_events).
 */
export const SmsInboxPayload = z.discriminatedUnion('sms', [
  z.object({
    sms: z.literal('received'),
    providerMessageId: z.string().min(1),
    /** The contact's phone and our SMS number, E.164. */
    from: z.string(),
    to: z.string(),
    text: z.string(),
    receivedAt: z.iso.datetime({ offset: true }),
  }),
  z.object({
    sms: z.literal('delivery'),
    providerMessageId: z.string().min(1),
    /** Our SMS number (the report's `from`), E.164. */
    from: z.string(),
    status: z.enum(['delivered', 'failed']),
    /** The carrier's words (`deliveryStatusDetails`). */
    details: z.string().nullable(),
    /** The tag we put on the send: our message id. */
    tag: z.string().nullable(),
    receivedAt: z.iso.datetime({ offset: true }),
  }),
]);
export type SmsInboxPayload = z.infer<typeof SmsInboxPayload>;

export function isSmsInboxPayload(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && 'sms' in payload;
}

export type SmsEventStore = ReceiveStore & ApplyStatusStore & Pick<Store, 'numbers'>;

/** Applies one SMS inbox item in the caller's transaction: the same use cases as WhatsApp's webhook. */
export async function applySmsEventIn(
  store: SmsEventStore,
  ctx: Pick<AppContext, 'clock' | 'templates'>,
  tenantId: string,
  payload: unknown,
): Promise<Outcome<{ applied: boolean }>> {
  const parsed = SmsInboxPayload.safeParse(payload);
  if (!parsed.success) return fail('validation_failed', parsed.error.issues.map((i) => i.message).join('; '));
  const e = parsed.data;
  if (e.sms === 'received') {
    const number = await store.numbers.smsByPhone(e.to);
    if (!number || number.tenantId !== tenantId) return fail('not_found', `unknown SMS number ${e.to}`);
    const result = await receiveMessageIn(store, ctx, {
      channel: 'sms',
      providerNumberId: number.providerNumberId,
      from: { waId: null, phoneE164: e.from },
      providerMessageId: e.providerMessageId,
      sentAt: new Date(e.receivedAt),
      type: 'text',
      text: e.text,
    });
    return result.ok ? ok({ applied: result.value.status === 'stored' }) : result;
  }
  const result = await applyStatusIn(store, ctx, {
    tenantId,
    providerMessageId: e.providerMessageId,
    messageId: e.tag,
    status: e.status,
    at: new Date(e.receivedAt),
    ...(e.status === 'failed'
      ? { error: { code: 'sms_undelivered', title: e.details ?? 'The carrier could not deliver the SMS' } }
      : {}),
  });
  return result.ok ? ok({ applied: result.value.changed }) : result;
}
