import { incomingRestricted } from '../domain/administration.js';
import type { Channel } from '@bridgeline/shared';
import { intentOf } from '../domain/consent.js';
import { contactLabel, senderIdentity } from '../domain/contact-identity.js';
import { inboundEffects } from '../domain/inbound.js';
import { routeInbound } from '../domain/routing.js';
import { consentIntentOfSmsKeyword, DEFAULT_SMS_HELP_TEXT, smsKeywordOf } from '../domain/sms/index.js';
import type { MessageType, Store, ThreadRecord } from '../ports/index.js';
import type { pairKeyOf } from './context.js';
import { type AppContext } from './context.js';
import { fail, ok, type Outcome } from './outcome.js';
import { toE164 } from './phone.js';
import { tellContact } from './automatic-texts.js';
import type { ResumeStore } from './delivery-failures.js';
import { addNotice, publish, queueOutbound, scheduleDelivery, threadGained } from './thread-activity.js';
import { recheckHeld, type ReleaseDlpStore } from './dlp/release.js';

/**
 * What storing a contact's message touches: the number and the contact's identities, the pair, the thread it routes
 * to, and the notices, automatic texts and released messages it causes.
 */
export type ReceiveStore = ResumeStore & Pick<Store, 'numbers' | 'identities' | 'tenants'> & ReleaseDlpStore;

/** A message from a contact, as a provider adapter (WhatsApp webhook, SMS) hands it over. */
export interface InboundMessage {
  channel: Channel;
  /** The business number's id at the provider (Cloud API `phone_number_id`). */
  providerNumberId: string;
  /** Who wrote: a WhatsApp id (phone digits), a business-scoped user id, or both; on SMS, the phone. */
  from: {
    phoneE164?: string | null | undefined;
    waId: string | null;
    bsuid?: string | null | undefined;
    username?: string | null | undefined;
    profileName?: string | undefined;
  };
  providerMessageId: string;
  /** When the provider says the contact sent it: what the 24-hour window counts from. */
  sentAt: Date;
  type: MessageType;
  text?: string | undefined;
  buttonPayload?: string | undefined;
  replyToProviderId?: string | undefined;
  /** Our media row (inbound image), downloaded by a job after the commit. */
  mediaId?: string | undefined;
}

export type ReceiveResult =
  { status: 'stored'; threadId: string; messageId: string } | { status: 'duplicate' };

/**
 * Stores one inbound message (product.md §3.2–§3.3, §4, §6): routes it to a thread (reply-to, most recent open
 * thread, or a new Unassigned one), applies what it means for consent and the window, and releases held messages.
 * Idempotent on the provider's message id. Find-or-create of the thread is serialised per contact by the pair lock.
 */
export async function receiveMessage(
  ctx: AppContext<ReceiveStore>,
  input: InboundMessage,
): Promise<Outcome<ReceiveResult>> {
  return ctx.uow.run((store) => receiveMessageIn(store, ctx, input));
}

/** `receiveMessage` inside the caller's transaction (the webhook stores a whole batch in one). */
export async function receiveMessageIn(
  store: ReceiveStore,
  ctx: Pick<AppContext, 'clock' | 'templates'>,
  input: InboundMessage,
): Promise<Outcome<ReceiveResult>> {
  const now = ctx.clock.now();
  const number = await store.numbers.byProviderId(input.channel, input.providerNumberId);
  if (!number) return fail('not_found', `unknown business number ${input.providerNumberId}`);
  if (await store.messages.byProviderId(input.providerMessageId)) return ok({ status: 'duplicate' as const });
  const contact =
    input.channel === 'sms'
      ? await smsContactOf(store, number.tenantId, input.from.phoneE164 ?? null)
      : await contactOf(store, number.tenantId, input.from);
  if (!contact) return fail('validation_failed', 'no sender: neither a WhatsApp id nor a user id');
  const key = { tenantId: number.tenantId, businessNumberId: number.id, contactId: contact.id };
  const pair = await store.pairs.lock(key);

  const thread = await routeToThread(store, key, number.region, input, now);
  const heldCount = await store.messages.heldCount(key);
  // SMS: the carrier keywords (STOP, START, HELP and their variants); WhatsApp: the buttons and words of §3.
  const keyword = input.channel === 'sms' ? smsKeywordOf(input.text) : null;
  const intent =
    input.channel === 'sms'
      ? consentIntentOfSmsKeyword(keyword)
      : intentOf({
          buttonPayload: input.buttonPayload,
          text: input.type === 'text' ? input.text : undefined,
        });
  const effects = inboundEffects({ ...pair, heldCount }, { sentAt: input.sentAt, intent }, now);

  const message = await store.messages.insert({
    ...key,
    threadId: thread.id,
    direction: 'in',
    type: input.type,
    text: input.text ?? null,
    mediaId: input.mediaId ?? null,
    template: null,
    senderMemberId: null,
    clientMessageId: null,
    status: 'delivered',
    holdReason: null,
    providerMessageId: input.providerMessageId,
    replyToProviderId: input.replyToProviderId ?? null,
    providerTimestamp: input.sentAt,
    createdAt: now,
  });
  if (!message) return ok({ status: 'duplicate' as const });
  await threadGained(store, thread, message);

  await store.pairs.update(key, { lastInboundAt: effects.lastInboundAt, reachability: 'ok' });
  if (effects.consent.event) {
    await store.pairs.setConsent(key, pair.consent, effects.consent.next);
    await store.pairs.appendEvent({
      ...key,
      kind: effects.consent.event,
      basis: effects.consent.basis ?? 'inbound',
      answerProviderMessageId: input.providerMessageId,
      answerText: input.text ?? input.buttonPayload ?? null,
      occurredAt: input.sentAt,
    });
    publish(store, thread, { type: 'thread.updated', threadId: thread.id });
  }
  if (keyword === 'help') await answerHelp(store, thread, key, input, now);
  await store.events.append({
    tenantId: key.tenantId,
    type: 'message.received',
    threadId: thread.id,
    payload: { messageId: message.id, providerMessageId: input.providerMessageId, intent },
    occurredAt: input.sentAt,
  });
  const contactName = contactLabel({
    ...contact,
    displayName: contact.displayName ?? input.from.profileName ?? null,
  });
  if (effects.notice) await addNotice(store, thread, effects.notice, { contact: contactName }, now);
  if (effects.consent.event && effects.consent.basis !== 'contact_initiated' && effects.notice) {
    await tellContact(store, ctx, thread, effects.notice, { contact: contactName }, now);
  }
  if (effects.releaseHeld) {
    // The rules may have changed while they were held: checked again before they go (docs/dlp.md).
    for (const id of await recheckHeld(store, key, thread.id, now))
      publish(store, thread, { type: 'message.updated', threadId: thread.id, messageId: id });
    const released = await store.messages.releaseHeld(key, now);
    for (const id of released)
      publish(store, thread, { type: 'message.updated', threadId: thread.id, messageId: id });
  }
  if (effects.releaseHeld || effects.consent.event) await scheduleDelivery(store, thread);
  return ok({ status: 'stored' as const, threadId: thread.id, messageId: message.id });
}

/**
 * HELP on SMS: the tenant's help text goes back at once (carriers require an answer), and the request is consent
 * evidence like STOP and START (archived as `consent.help`).
 */
async function answerHelp(
  store: ReceiveStore,
  thread: ThreadRecord,
  key: ReturnType<typeof pairKeyOf>,
  input: InboundMessage,
  now: Date,
): Promise<void> {
  await store.pairs.appendEvent({
    ...key,
    kind: 'help',
    basis: 'keyword',
    answerProviderMessageId: input.providerMessageId,
    answerText: input.text ?? null,
    occurredAt: input.sentAt,
  });
  const text = (await store.tenants.smsHelpText(key.tenantId)) ?? DEFAULT_SMS_HELP_TEXT;
  await queueOutbound(store, thread, { type: 'text', text }, null, now);
  await scheduleDelivery(store, thread);
}

/** An SMS sender: the contact with this phone (the same person as on WhatsApp), created when new. */
async function smsContactOf(store: Pick<Store, 'identities'>, tenantId: string, phoneE164: string | null) {
  const phone = phoneE164 === null ? null : toE164(phoneE164);
  if (phone === null) return null;
  const found = await store.identities.find(tenantId, { waIds: [phone.slice(1)], bsuid: null });
  if (found) return found;
  return store.identities.createOrGet({
    tenantId,
    phoneE164: phone,
    waId: null,
    bsuid: null,
    username: null,
    displayName: null,
  });
}

/**
 * The sender's contact: looked up by every Brazil/Mexico spelling of the WhatsApp id and by the business-scoped user
 * id, stored under the canonical phone; what Meta tells us and we did not know (wa_id, BSUID, username) is kept.
 * A wa_id the phone library does not call a valid number is still who wrote: kept as given, without a phone
 * (`senderIdentity`), so the message is stored and shown like any other.
 */
async function contactOf(store: Pick<Store, 'identities'>, tenantId: string, from: InboundMessage['from']) {
  const waId = from.waId ?? null;
  const bsuid = from.bsuid ?? null;
  const sender = senderIdentity({ waId, bsuid }, waId === null ? null : toE164(`+${waId}`));
  if (sender === null) return null;
  const { waIds, ...known } = sender;
  const identity = {
    ...known,
    bsuid,
    username: from.username ?? null,
    displayName: from.profileName ?? null,
  };
  const found = await store.identities.find(tenantId, { waIds, bsuid });
  if (!found) return store.identities.createOrGet({ tenantId, ...identity });
  // Only write when Meta told us something new: most messages come from a contact we already know fully.
  const news =
    (identity.phoneE164 !== null && found.phoneE164 === null) ||
    (identity.waId !== null && identity.waId !== found.waId) ||
    (identity.bsuid !== null && found.bsuid === null) ||
    (identity.username !== null && identity.username !== found.username) ||
    (identity.displayName !== null && found.displayName === null);
  if (news) await store.identities.complete(tenantId, found.id, identity);
  return found;
}

async function routeToThread(
  store: Pick<Store, 'threads' | 'events'> & Partial<Pick<Store, 'tenants'>>,
  key: ReturnType<typeof pairKeyOf>,
  region: ThreadRecord['region'],
  input: InboundMessage,
  now: Date,
): Promise<ThreadRecord> {
  const quoted = input.replyToProviderId
    ? await store.threads.byProviderMessageId(key.tenantId, input.replyToProviderId)
    : null;
  const replyTo =
    quoted && quoted.contactId === key.contactId && quoted.businessNumberId === key.businessNumberId
      ? quoted
      : null;
  const open = await store.threads.openForPair(key);
  const route = routeInbound({ replyTo, threads: open });
  if (route.kind === 'existing') {
    const found = route.threadId === replyTo?.id ? replyTo : open.find((t) => t.id === route.threadId);
    if (found) return found;
  }
  // Restrict incoming (docs/admin.md §7): a stranger's new thread waits for an admin; it is stored all the same.
  const tenant = await store.tenants?.byId(key.tenantId);
  const restricted = incomingRestricted({
    restrictIncoming: tenant?.restrictIncoming,
    organisationMessagedContact: tenant?.restrictIncoming
      ? ((await store.threads.startedByMember?.(key.tenantId, key.contactId)) ?? true)
      : true,
  });
  const thread = await store.threads.create({
    ...key,
    channel: input.channel,
    region,
    unassigned: true,
    ...(restricted ? { restricted: true } : {}),
    createdBy: null,
    createdAt: now,
  });
  await store.events.append({
    tenantId: key.tenantId,
    type: 'thread.created',
    threadId: thread.id,
    payload: {
      channel: thread.channel,
      contactId: key.contactId,
      unassigned: true,
      ...(restricted ? { restricted } : {}),
    },
    occurredAt: now,
  });
  return thread;
}
