import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { applyStatusIn } from '../../app/apply-status.use-case.js';
import { ingestAccountChanges } from './webhook-account-ingest.js';
import type { WhatsAppContext } from './webhook-inbox.port.js';
import { receiveMessageIn, type InboundMessage } from '../../app/receive-message.use-case.js';
import type { WhatsAppTx } from './webhook-inbox.port.js';
import type { GraphErrorDetail } from '../graph/graph-errors.js';
import type {
  InboundMessage as WebhookInbound,
  NumberEvents,
  StatusUpdate,
  WebhookBatch,
} from './webhook-payload.parser.js';

export interface IngestSummary {
  stored: number;
  duplicates: number;
  statuses: number;
  unknownNumbers: string[];
}

/**
 * Applies a parsed webhook batch in the caller's transaction: the raw body per tenant (unless `raw` is null: inbox
 * items, whose body the edge kept), every inbound message (unique on Meta's id), every status (unique on Meta's id and
 * status), account-level changes (templates, number health), and the jobs for the heavy work (image downloads). Events of a number we do not know are
 * logged and skipped.
 */
export async function ingestIn(
  store: WhatsAppTx,
  deps: { ctx: WhatsAppContext; log: Logger },
  batch: WebhookBatch,
  raw: { body: Buffer; signature: string | null } | null,
): Promise<IngestSummary> {
  const { ctx, log } = deps;
  const summary: IngestSummary = { stored: 0, duplicates: 0, statuses: 0, unknownNumbers: [] };
  const receivedAt = ctx.clock.now();
  const bodySha256 = raw ? createHash('sha256').update(raw.body).digest('hex') : '';
  const recorded = new Set<string>();
  const keepRaw = async (tenantId: string) => {
    if (!raw || recorded.has(tenantId)) return;
    recorded.add(tenantId);
    await store.webhookEvents.record({
      tenantId,
      bodySha256,
      body: raw.body.toString('utf8'),
      signature: raw.signature,
      receivedAt,
    });
  };

  for (const events of lockOrder(batch.numbers)) {
    const number = await store.numbers.byProviderId('whatsapp', events.phoneNumberId);
    if (!number) {
      summary.unknownNumbers.push(events.phoneNumberId);
      warnUnknownNumber(log, events);
      continue;
    }
    await keepRaw(number.tenantId);
    for (const error of events.errors)
      log.warn({ phoneNumberId: events.phoneNumberId, error }, 'WhatsApp reported an error for the number');

    for (const message of events.inbound) {
      const input = await inboundInput(store, number.tenantId, number.id, events, message, receivedAt);
      const result = await receiveMessageIn(store, ctx, input.message);
      if (!result.ok) {
        log.warn(
          { wamid: message.wamid, code: result.code, detail: result.detail },
          'inbound message refused',
        );
        continue;
      }
      if (result.value.status === 'duplicate') {
        summary.duplicates++;
        continue;
      }
      summary.stored++;
      if (input.downloadMediaId)
        await store.jobs.send({
          name: 'download-media',
          data: { tenantId: number.tenantId, mediaId: input.downloadMediaId },
          singletonKey: input.downloadMediaId,
        });
    }

    for (const status of events.statuses) {
      const result = await applyStatusIn(store, ctx, statusInput(number.tenantId, number.id, status));
      if (result.ok && result.value.changed) summary.statuses++;
    }
  }

  await ingestAccountChanges(store, deps, batch, keepRaw, receivedAt);
  return summary;
}

/** Meta's message → the core's inbound message. What Bridgeline cannot show is kept as `unsupported`. */
async function inboundInput(
  store: WhatsAppTx,
  tenantId: string,
  businessNumberId: string,
  events: NumberEvents,
  m: WebhookInbound,
  now: Date,
): Promise<{ message: InboundMessage; downloadMediaId: string | null }> {
  const contact = m.contact;
  const base: InboundMessage = {
    channel: 'whatsapp',
    providerNumberId: events.phoneNumberId,
    from: {
      waId: m.from.waId,
      bsuid: m.from.bsuid,
      username: contact?.username ?? null,
      ...(contact?.profileName ? { profileName: contact.profileName } : {}),
    },
    providerMessageId: m.wamid,
    sentAt: m.timestamp,
    type: 'unsupported',
    ...(m.context?.quotedWamid ? { replyToProviderId: m.context.quotedWamid } : {}),
  };
  const c = m.content;
  switch (c.type) {
    case 'text':
      return { message: { ...base, type: 'text', text: c.body }, downloadMediaId: null };
    case 'button':
      // Matched on the payload we set (opt-in, opt-out, resume), not on the visible text.
      return {
        message: { ...base, type: 'text', text: c.text, ...(c.payload ? { buttonPayload: c.payload } : {}) },
        downloadMediaId: null,
      };
    case 'interactive':
      return { message: { ...base, type: 'text', text: c.title }, downloadMediaId: null };
    case 'reaction':
      // Shown as a line of its own, tied to the message reacted to (which also routes it to that thread).
      return {
        message: {
          ...base,
          type: 'text',
          text: c.emoji ? `Reacted ${c.emoji}` : 'Removed a reaction',
          replyToProviderId: c.reactedWamid,
        },
        downloadMediaId: null,
      };
    case 'image': {
      const { media, created } = await store.media.createInbound({
        tenantId,
        direction: 'in',
        state: 'pending',
        providerMediaId: c.mediaId,
        businessNumberId,
        mimeType: c.mimeType,
        createdAt: now,
      });
      return {
        message: {
          ...base,
          type: 'image',
          ...(c.caption ? { text: c.caption } : {}),
          mediaId: media.id,
        },
        downloadMediaId: created ? media.id : null,
      };
    }
    case 'unsupported':
      return { message: base, downloadMediaId: null };
  }
}

/**
 * Concurrent batches take their locks (contact, pair, thread, message rows) in one global order, so two batches naming
 * the same contacts in opposite orders wait for each other instead of deadlocking: numbers by id, messages by sender
 * and statuses by wamid. Within one sender or one wamid, Meta's order is kept (the sort is stable).
 */
function lockOrder(numbers: NumberEvents[]): NumberEvents[] {
  const byKey =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  const sender = (m: WebhookInbound) => m.from.waId ?? m.from.bsuid ?? '';
  return [...numbers].sort(byKey((n) => n.phoneNumberId)).map((n) => ({
    ...n,
    inbound: [...n.inbound].sort(byKey(sender)),
    statuses: [...n.statuses].sort(byKey((s) => s.wamid)),
  }));
}

function statusInput(tenantId: string, businessNumberId: string, s: StatusUpdate) {
  const first: GraphErrorDetail | undefined = s.errors[0];
  return {
    tenantId,
    businessNumberId,
    providerMessageId: s.wamid,
    messageId: s.bizOpaque,
    status: s.status,
    at: s.timestamp,
    pricing: s.pricing,
    ...(first
      ? {
          error: {
            code: String(first.code),
            title: first.title ?? first.message ?? 'Failed',
            ...(first.details ? { details: first.details } : {}),
          },
        }
      : {}),
  };
}

/** A webhook for a business number no tenant has is acknowledged (Meta would only retry it) and said once in the log. */
export function warnUnknownNumber(log: Logger, events: NumberEvents): void {
  log.warn(
    {
      phoneNumberId: events.phoneNumberId,
      wabaId: events.wabaId,
      messages: events.inbound.length,
      statuses: events.statuses.length,
    },
    'WhatsApp webhook for an unknown business number acknowledged',
  );
}
