import { z } from 'zod';
import type { SmsInboxPayload } from '../../app/sms/sms-events.js';
import { e164OfEventPhone } from '../sms-numbers.js';

/**
 * Azure Event Grid deliveries of Azure Communication Services SMS events, in either schema the subscription may use:
 * the Event Grid schema (`eventType`, `eventTime`, a JSON array) or CloudEvents 1.0 (`type`, `time`, `specversion`; an
 * array in batch mode, one object otherwise). Event Grid writes phone numbers with or without "+" and some example
 * payloads capitalise `Tag`: both are read.
 */
export const EVENT_TYPES = {
  validation: 'Microsoft.EventGrid.SubscriptionValidationEvent',
  received: 'Microsoft.Communication.SMSReceived',
  delivery: 'Microsoft.Communication.SMSDeliveryReportReceived',
} as const;

const Envelope = z.union([
  z.object({ id: z.string(), eventType: z.string(), data: z.unknown(), eventTime: z.string().optional() }),
  z.object({
    id: z.string(),
    specversion: z.literal('1.0'),
    type: z.string(),
    data: z.unknown(),
    time: z.string().optional(),
  }),
]);

const IsoTime = z.iso.datetime({ offset: true });
const Received = z.object({
  messageId: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  message: z.string(),
  receivedTimestamp: IsoTime,
});
const Delivery = z.object({
  messageId: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  deliveryStatus: z.string().min(1),
  deliveryStatusDetails: z.string().optional(),
  receivedTimestamp: IsoTime,
  tag: z.string().optional(),
  Tag: z.string().optional(),
});
const Validation = z.object({ validationCode: z.string().min(1) });

export type ParsedEvent =
  | { kind: 'validation'; validationCode: string }
  | { kind: 'sms'; item: SmsInboxPayload; businessPhone: string; contactPhone: string }
  | { kind: 'ignored'; type: string }
  | { kind: 'malformed'; index: number; id: string | null; reason: string };

export type ParsedDelivery = { ok: true; events: ParsedEvent[] } | { ok: false; reason: string };

/** A delivery's body → its events, each parsed on its own: one malformed event never hides its siblings. */
export function parseEventGridDelivery(body: unknown): ParsedDelivery {
  const list = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? [body] : null;
  if (list === null) return { ok: false, reason: 'expected an Event Grid array or a CloudEvent object' };
  if (list.length === 0) return { ok: false, reason: 'the delivery has no events' };
  return { ok: true, events: list.map((raw, index) => parseEvent(raw, index)) };
}

function parseEvent(raw: unknown, index: number): ParsedEvent {
  const envelope = Envelope.safeParse(raw);
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : null;
  if (!envelope.success) return malformed(index, id, 'not an Event Grid event or a CloudEvent 1.0');
  const e = envelope.data;
  const type = 'eventType' in e ? e.eventType : e.type;
  switch (type) {
    case EVENT_TYPES.validation: {
      const data = Validation.safeParse(e.data);
      return data.success
        ? { kind: 'validation', validationCode: data.data.validationCode }
        : malformed(index, id, issues(data.error));
    }
    case EVENT_TYPES.received: {
      const data = Received.safeParse(e.data);
      if (!data.success) return malformed(index, id, issues(data.error));
      const from = e164OfEventPhone(data.data.from);
      const to = e164OfEventPhone(data.data.to);
      if (!from || !to) return malformed(index, id, 'data.from / data.to: not phone numbers');
      return {
        kind: 'sms',
        businessPhone: to,
        contactPhone: from,
        item: {
          sms: 'received',
          providerMessageId: data.data.messageId,
          from,
          to,
          text: data.data.message,
          receivedAt: data.data.receivedTimestamp,
        },
      };
    }
    case EVENT_TYPES.delivery: {
      const data = Delivery.safeParse(e.data);
      if (!data.success) return malformed(index, id, issues(data.error));
      const from = e164OfEventPhone(data.data.from);
      const to = e164OfEventPhone(data.data.to);
      if (!from || !to) return malformed(index, id, 'data.from / data.to: not phone numbers');
      const status = data.data.deliveryStatus.toLowerCase();
      if (status !== 'delivered' && status !== 'failed')
        return malformed(
          index,
          id,
          `data.deliveryStatus: expected Delivered or Failed, got ${data.data.deliveryStatus}`,
        );
      return {
        kind: 'sms',
        businessPhone: from,
        contactPhone: to,
        item: {
          sms: 'delivery',
          providerMessageId: data.data.messageId,
          from,
          status,
          details: data.data.deliveryStatusDetails ?? null,
          tag: data.data.tag ?? data.data.Tag ?? null,
          receivedAt: data.data.receivedTimestamp,
        },
      };
    }
    default:
      return { kind: 'ignored', type };
  }
}

function malformed(index: number, id: string | null, reason: string): ParsedEvent {
  return { kind: 'malformed', index, id, reason };
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `data.${i.path.join('.')}: ${i.message}`).join('; ');
}
