import { flowTemplatesOf } from './admin/flow-templates.js';
import { BUTTON_PAYLOADS } from '../domain/consent.js';
import { resumeSentThisPause } from '../domain/send-decision.js';
import type { MessageRecord, PairKey, Store, ThreadRecord } from '../ports/index.js';
import type { AppContext } from './context.js';
import { addNotice, queueOutbound, type NoticeStore, type OutboundStore } from './thread-activity.js';

/**
 * What a refused send means for the pair, whether Meta refused it when we sent (deliver-pair) or later in a `failed`
 * status webhook (apply-status): one implementation for both.
 */

/** Meta's error codes with a meaning of their own (graph-errors.ts classifies the rest). */
export const META_ERROR = { unreachable: '131026', windowClosed: '131047' } as const;

/** What asking the contact to resume touches: the pair, and the template and notice it sends. */
export type ResumeStore = OutboundStore & Pick<Store, 'pairs'>;
/** What marking a contact unreachable touches: the pair and its evidence, the contact's name, the notice. */
export type UnreachableStore = NoticeStore & Pick<Store, 'pairs' | 'contacts'>;

/**
 * Outside the window by Meta's clock (131047): the message is held like any message outside the window, and the
 * resume template goes out once per pause. Call after the message is back in `held`.
 */
export async function askToResume(
  store: ResumeStore,
  ctx: Pick<AppContext, 'templates'>,
  thread: ThreadRecord,
  key: PairKey,
  message: Pick<MessageRecord, 'type'>,
  now: Date,
): Promise<void> {
  const pair = await store.pairs.lock(key);
  if (resumeSentThisPause(pair) || message.type === 'template') return;
  const { resume } = await flowTemplatesOf(ctx, store, thread.tenantId, thread.businessNumberId);
  await queueOutbound(
    store,
    thread,
    {
      type: 'template',
      template: { ...resume, parameters: [], quickReplies: [BUTTON_PAYLOADS.resume] },
    },
    null,
    now,
  );
  await store.pairs.update(key, { resumeRequestedAt: now });
  await addNotice(store, thread, 'window_closed_held', {}, now);
}

/** The number is not on WhatsApp (131026): the pair becomes unreachable once, with evidence and a notice. */
export async function markUnreachable(
  store: UnreachableStore,
  thread: ThreadRecord,
  key: PairKey,
  code: string,
  now: Date,
): Promise<void> {
  const pair = await store.pairs.lock(key);
  if (pair.reachability === 'unreachable') return;
  await store.pairs.update(key, { reachability: 'unreachable' });
  await store.pairs.appendEvent({ ...key, kind: 'unreachable', basis: code, occurredAt: now });
  const contact = await store.contacts.byId(key.tenantId, key.contactId);
  await addNotice(
    store,
    thread,
    'unreachable',
    { contact: contact?.displayName ?? contact?.phoneE164 ?? 'The contact' },
    now,
  );
}
