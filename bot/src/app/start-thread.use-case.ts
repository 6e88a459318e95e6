import { flowTemplatesOf } from './admin/flow-templates.js';
import type { CreateThreadBody, Thread } from '@bridgeline/shared';
import { numberStartsThreads, whatsappAllowed } from '../domain/administration.js';
import { BUTTON_PAYLOADS, decideStartThread } from '../domain/consent.js';
import type { ContactRecord, Store, ThreadRecord } from '../ports/index.js';
import { pairKeyOf, type AppContext, type Caller } from './context.js';
import { fail, notFound, type Outcome } from './outcome.js';
import { checkPhone } from './phone.js';
import { optInTemplateRefusal } from './account-health/opt-in-template.js';
import { addNotice, queueOutbound, type OutboundStore } from './thread-activity.js';
import { threadView } from './thread-views.use-case.js';

/**
 * A member starts a conversation with a contact (product.md §2, §3.1, §7 restart, §8). Typing a number creates the
 * contact. A contact without consent needs the member's confirmation before the opt-in request goes out; once it is
 * sent the thread exists and anything typed is held.
 */
/** What asking the contact for consent touches: the pair and its evidence, the template, the notice. */
export type OptInStore = OutboundStore & Pick<Store, 'pairs'>;
/** What starting a thread touches: the contact, the number of the caller's region, the pair, the new thread. */
export type StartThreadStore = OptInStore & Pick<Store, 'contacts' | 'numbers' | 'tenants' | 'dlpRules'>;

export async function startThread(
  ctx: AppContext<StartThreadStore>,
  caller: Caller,
  body: CreateThreadBody,
): Promise<Outcome<Thread>> {
  if (!caller.enabled) return fail('not_enabled');
  if (body.channel === 'sms' && !caller.smsNumberId)
    return fail('forbidden', 'You have no SMS number: ask your Bridgeline admin to assign you one.');
  let phone: string | null = null;
  if (body.phone !== undefined) {
    const checked = checkPhone(body.phone);
    if (!checked.ok) return fail('validation_failed', checked.reason);
    phone = checked.e164;
  }
  const now = ctx.clock.now();
  return ctx.uow.run(async (store) => {
    const tenant = await store.tenants.byId(caller.tenantId);
    const allowed = whatsappAllowed({
      channel: body.channel,
      tenantWhatsappEnabled: tenant?.whatsappEnabled,
    });
    if (!allowed.ok) return allowed;
    const contact = phone
      ? (await store.contacts.createOrGet({ tenantId: caller.tenantId, phoneE164: phone, displayName: null }))
          .contact
      : await store.contacts.byId(caller.tenantId, body.contactId!);
    if (!contact) return notFound();
    // SMS threads live on the member's own SMS number; WhatsApp threads on the number of the member's region.
    const number =
      body.channel === 'sms'
        ? await store.numbers.byId(caller.tenantId, caller.smsNumberId!)
        : await store.numbers.forRegion(caller.tenantId, body.channel, caller.region);
    if (!number) return fail('no_business_number');
    const starts = numberStartsThreads(number);
    if (!starts.ok) return starts;
    if (body.channel === 'sms' && contact.phoneE164 === null)
      return fail('validation_failed', 'The contact has no phone number to text.');
    const key = { tenantId: caller.tenantId, businessNumberId: number.id, contactId: contact.id };
    const pair = await store.pairs.lock(key);
    const decision = decideStartThread({
      channel: body.channel,
      consent: pair.consent,
      reachability: pair.reachability,
      confirmOptIn: body.sendOptIn === true,
    });
    if (!decision.ok) return decision;
    if (decision.sendOptIn) {
      const refusal = await optInTemplateRefusal(store, ctx, caller.tenantId, now);
      if (refusal) return refusal;
    }

    const thread = await store.threads.create({
      ...key,
      channel: body.channel,
      region: number.region,
      unassigned: false,
      createdBy: caller.id,
      createdAt: now,
    });
    await store.participants.join({
      tenantId: caller.tenantId,
      threadId: thread.id,
      memberId: caller.id,
      joinedAt: now,
      historyFrom: now,
    });
    await store.events.append({
      tenantId: caller.tenantId,
      type: 'thread.created',
      threadId: thread.id,
      actorMemberId: caller.id,
      payload: { channel: thread.channel, contactId: contact.id, businessNumberId: number.id },
      occurredAt: now,
    });
    if (decision.sendOptIn) await requestOptIn(ctx, store, thread, contact, caller, now);
    const view = await threadView(store, caller, thread.id, now);
    return view;
  });
}

/** Sends the tenant's opt-in template and records who asked, when, with which template: evidence (§3.4). */
export async function requestOptIn(
  ctx: Pick<AppContext, 'templates'>,
  store: OptInStore,
  thread: ThreadRecord,
  contact: ContactRecord,
  caller: Caller,
  now: Date,
): Promise<void> {
  const key = pairKeyOf(thread);
  const pair = await store.pairs.lock(key);
  const template = (await flowTemplatesOf(ctx, store, thread.tenantId, thread.businessNumberId)).optIn;
  const request = await queueOutbound(
    store,
    thread,
    {
      type: 'template',
      template: {
        ...template,
        parameters: [],
        quickReplies: [BUTTON_PAYLOADS.accept, BUTTON_PAYLOADS.reject],
      },
    },
    caller.id,
    now,
  );
  if (pair.consent === 'none') await store.pairs.setConsent(key, 'none', 'requested');
  await store.pairs.update(key, { lastRequestedAt: now });
  await store.pairs.appendEvent({
    ...key,
    kind: 'requested',
    basis: pair.lastRequestedAt ? 'resend' : 'request',
    requestedBy: caller.id,
    templateName: template.name,
    templateLanguage: template.language,
    requestMessageId: request.id,
    occurredAt: now,
  });
  await addNotice(
    store,
    thread,
    'opt_in_requested',
    { actor: caller.displayName, contact: contact.displayName ?? contact.phoneE164 ?? 'the contact' },
    now,
    caller.id,
  );
}
