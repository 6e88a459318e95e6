import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { InboxBatch, WhatsAppContext } from '../../whatsapp/index.js';
import { INBOX_LANES } from '../../whatsapp/index.js';
import type { ParsedEvent } from './event-grid.parser.js';

type SmsEvent = Extract<ParsedEvent, { kind: 'sms' }>;

const laneOf = (key: string) => createHash('sha1').update(key).digest().readUInt32BE(0) % INBOX_LANES;

/**
 * Stores a delivery's SMS events in the webhook inbox, in one transaction, before Event Grid gets its 200: one item per
 * event, unique per tenant on the provider's message id (and status, for a report), in the lane of the contact (texts)
 * or of the message (reports), with the raw body kept once per tenant. Events for a number no tenant has are logged
 * and acknowledged. Answers the lanes that gained items.
 */
export async function acceptSmsEvents(
  deps: { ctx: WhatsAppContext; log: Logger },
  events: SmsEvent[],
  raw: Buffer,
): Promise<number[]> {
  const { ctx, log } = deps;
  if (events.length === 0) return [];
  return ctx.uow.run(async (store) => {
    const items: InboxBatch['items'] = [];
    for (const e of events) {
      const number = await store.numbers.smsByPhone(e.businessPhone);
      if (!number) {
        log.warn(
          { to: e.businessPhone, id: e.item.providerMessageId },
          'SMS event for an unknown SMS number acknowledged',
        );
        continue;
      }
      const received = e.item.sms === 'received';
      items.push({
        phoneNumberId: number.providerNumberId,
        kind: received ? 'message' : 'status',
        providerId: received
          ? `sms:${e.item.providerMessageId}`
          : `sms:${e.item.providerMessageId}:${e.item.sms === 'delivery' ? e.item.status : ''}`,
        lane: laneOf(received ? `contact:${e.contactPhone}` : `status:${e.item.providerMessageId}`),
        payload: e.item,
      });
    }
    if (items.length === 0) return [];
    const accepted = await store.inbox.accept({
      items,
      channel: 'sms',
      bodySha256: createHash('sha256').update(raw).digest('hex'),
      body: raw.toString('utf8'),
      signature: null,
      receivedAt: ctx.clock.now(),
    });
    return accepted.lanes;
  });
}
