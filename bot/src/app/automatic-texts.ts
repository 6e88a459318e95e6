import { contactNoticeText, type NoticeKind, type NoticeParams } from '../domain/notices.js';
import { automaticTextOf, decideAutomaticText } from '../domain/send-decision.js';
import type { MessageRecord, ThreadRecord } from '../ports/index.js';
import { pairKeyOf, type AppContext } from './context.js';
import { askToResume, type ResumeStore } from './delivery-failures.js';
import { scheduleDelivery, threadGained } from './thread-activity.js';

/**
 * Tells the contact, in a line of Bridgeline's own, about their consent answer or a change among the people they talk
 * to. The domain decides (`decideAutomaticText`): sent, held for the window like a member's message, or skipped. The
 * opt-in confirmation is put ahead of the messages held until now, so the contact reads it before them (§7b).
 * Call after the contact's answer is applied to the pair, before its held messages are released.
 */
export async function tellContact(
  store: ResumeStore,
  ctx: Pick<AppContext, 'templates'>,
  thread: ThreadRecord,
  kind: NoticeKind,
  params: NoticeParams,
  now: Date,
): Promise<MessageRecord | null> {
  const text = contactNoticeText(kind, params);
  if (text === null) return null;
  const key = pairKeyOf(thread);
  const pair = await store.pairs.get(key);
  const heldCount = await store.messages.heldCount(key);
  const decision = decideAutomaticText(thread.channel, automaticTextOf(kind), { ...pair, heldCount }, now);
  if (decision.action === 'skip') return null;
  const held = decision.action === 'hold';
  const message = await store.messages.insert({
    ...key,
    threadId: thread.id,
    direction: 'out',
    type: 'text',
    text,
    mediaId: null,
    template: null,
    senderMemberId: null,
    clientMessageId: null,
    status: held ? 'held' : 'queued',
    holdReason: held ? 'window' : null,
    providerMessageId: null,
    replyToProviderId: null,
    createdAt: now,
  });
  await threadGained(store, thread, message!);
  // Archived like any message to the contact (`message.out`), held or not.
  await store.events.append({
    tenantId: thread.tenantId,
    type: held ? 'message.held' : 'message.queued',
    threadId: thread.id,
    payload: {
      messageId: message!.id,
      kind: 'automatic',
      notice: kind,
      ...(held ? { reason: 'window' } : {}),
    },
    occurredAt: now,
  });
  if (decision.aheadOfHeld) await store.messages.putBehind(key, message!.seq);
  if (!held) await scheduleDelivery(store, thread);
  else if (decision.sendResumeTemplate) await askToResume(store, ctx, thread, key, message!, now);
  return message;
}
