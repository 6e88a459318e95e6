import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { InboxBatch, InboxItem, WhatsAppContext, WhatsAppTx } from './webhook-inbox.port.js';
import { canonicalPhone } from '../../domain/contact-identity.js';
import { applySmsEventIn, isSmsInboxPayload } from '../../app/sms/sms-events.js';
import { ingestIn, warnUnknownNumber } from './webhook-ingest.js';
import {
  parseWebhook,
  type InboundMessage,
  type NumberEvents,
  type WebhookBatch,
  type WhatsAppContactInfo,
} from './webhook-payload.parser.js';

/**
 * The thin webhook edge (conventions: verify, store idempotently, enqueue, answer). A verified batch becomes inbox
 * items — one per inbound message and per status, each a one-item body in Meta's shape — stored with the raw body in
 * ONE statement, committed before the 200. Workers apply them (`drainInboxLane`) through the same code as the inline
 * path, in order per lane: all messages of one contact share a lane, and all statuses of one message.
 */

export const INBOX_LANES = 16;

function laneOf(key: string): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0) % INBOX_LANES;
}

function contactEntry(c: WhatsAppContactInfo | null): Record<string, unknown>[] {
  if (!c) return [];
  return [
    {
      ...(c.waId ? { wa_id: c.waId } : {}),
      ...(c.bsuid ? { user_id: c.bsuid } : {}),
      ...(c.parentBsuid ? { parent_user_id: c.parentBsuid } : {}),
      profile: {
        ...(c.profileName ? { name: c.profileName } : {}),
        ...(c.username ? { username: c.username } : {}),
      },
    },
  ];
}

function oneItemBody(events: NumberEvents, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: events.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: events.displayPhoneNumber,
                phone_number_id: events.phoneNumberId,
              },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

const senderKey = (m: InboundMessage) =>
  (m.from.waId ? canonicalPhone(m.from.waId) : null) ?? m.from.bsuid ?? m.from.waId ?? m.wamid;

/** The inbox items of a parsed batch. */
export function inboxItems(batch: WebhookBatch): InboxBatch['items'] {
  const items: InboxBatch['items'] = [];
  for (const events of batch.numbers) {
    for (const m of events.inbound)
      items.push({
        phoneNumberId: events.phoneNumberId,
        kind: 'message',
        providerId: m.wamid,
        lane: laneOf(`contact:${senderKey(m)}`),
        payload: oneItemBody(events, { contacts: contactEntry(m.contact), messages: [m.raw] }),
      });
    for (const s of events.statuses)
      items.push({
        phoneNumberId: events.phoneNumberId,
        kind: 'status',
        providerId: `${s.wamid}:${s.status}`,
        lane: laneOf(`status:${s.wamid}`),
        payload: oneItemBody(events, { statuses: [s.raw] }),
      });
    for (const r of events.rejected) {
      // Keyed on its content, so a redelivery (in this body or another) is kept once.
      const raw = JSON.stringify(r.raw) ?? 'null';
      items.push({
        phoneNumberId: events.phoneNumberId,
        kind: r.kind,
        providerId: `rejected:${createHash('sha256').update(raw).digest('hex')}`,
        lane: 0,
        payload: oneItemBody(events, r.kind === 'message' ? { messages: [r.raw] } : { statuses: [r.raw] }),
        rejected: `${r.path}: ${r.reason}`,
      });
    }
  }
  return items;
}

/**
 * Hashes of bodies this process has committed lately. Meta redelivers the very same bytes; those are answered at
 * once without touching the database (a miss — another process stored it, or it was forgotten — just costs one
 * idempotent statement).
 */
export class RecentBodies {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 20_000) {}

  has(sha256: string): boolean {
    return this.seen.has(sha256);
  }

  add(sha256: string): void {
    if (this.seen.size >= this.capacity) {
      // Sets iterate in insertion order: forget the oldest.
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.seen.add(sha256);
  }
}

/** Runs the inbox's one statement outside a unit of work (autocommit). */
export type InboxWriter = (batch: InboxBatch) => Promise<{ knownNumbers: string[]; lanes: number[] }>;

/** Stores a verified batch (one statement) and answers the lanes that gained items. */
export async function acceptWebhook(
  deps: {
    ctx: WhatsAppContext;
    log: Logger;
    writer?: InboxWriter | undefined;
    recent?: RecentBodies | undefined;
  },
  batch: WebhookBatch,
  raw: { body: Buffer; signature: string | null },
): Promise<number[]> {
  const { ctx, log } = deps;
  const bodySha256 = createHash('sha256').update(raw.body).digest('hex');
  if (deps.recent?.has(bodySha256)) return [];
  const items = inboxItems(batch);
  const numbers = batch.numbers.map((n) => n.phoneNumberId);
  for (const events of batch.numbers)
    for (const r of events.rejected)
      log.warn(
        { phoneNumberId: events.phoneNumberId, kind: r.kind, id: r.id, path: r.path, reason: r.reason },
        'WhatsApp webhook item kept as rejected: it cannot be read',
      );
  const inbox: InboxBatch = {
    items,
    bodySha256,
    body: raw.body.toString('utf8'),
    signature: raw.signature,
    receivedAt: ctx.clock.now(),
  };
  // The common case is one statement on its own (no BEGIN/COMMIT round trips): it is atomic by itself.
  const accountLevel =
    batch.templateUpdates.length + batch.accountUpdates.length + batch.unapplied.length > 0;
  const single = deps.writer !== undefined && !accountLevel && items.length > 0;
  const accepted = single
    ? await deps.writer!(inbox)
    : await ctx.uow.run(async (store) => {
        // Account-level changes (templates, number health) are rare and small: applied at once (with their raw body)
        // rather than queued, so the catalogue and the admins' view change before Meta gets its 200.
        if (accountLevel || items.length === 0) await ingestIn(store, deps, { ...batch, numbers: [] }, raw);
        if (items.length === 0) return { knownNumbers: numbers, lanes: [] };
        return store.inbox.accept(inbox);
      });
  deps.recent?.add(bodySha256);
  for (const events of batch.numbers) {
    if (!accepted.knownNumbers.includes(events.phoneNumberId)) warnUnknownNumber(log, events);
  }
  return accepted.lanes;
}

/** Applies one inbox item inside the caller's transaction. */
export async function applyInboxItem(
  store: WhatsAppTx,
  deps: { ctx: WhatsAppContext; log: Logger },
  item: InboxItem,
): Promise<void> {
  // SMS events share the inbox (lanes, retries, dead letters): applied by their own use case.
  if (isSmsInboxPayload(item.payload)) {
    const applied = await applySmsEventIn(store, deps.ctx, item.tenantId, item.payload);
    if (!applied.ok) throw new Error(`SMS inbox item ${item.id}: ${applied.detail ?? applied.code}`);
    return;
  }
  const parsed = parseWebhook(item.payload);
  if (!parsed.ok) throw new Error(`inbox item ${item.id} is not a webhook body: ${parsed.issues.join('; ')}`);
  await ingestIn(store, deps, parsed, null);
}
