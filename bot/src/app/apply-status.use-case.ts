import type { MessageStatus } from '@bridgeline/shared';
import { mergeStatus, statusesBelow } from '../domain/message-status.js';
import type { MessageRecord, StatusPricing, Store } from '../ports/index.js';
import { pairKeyOf, type AppContext } from './context.js';
import {
  askToResume,
  markUnreachable,
  META_ERROR,
  type ResumeStore,
  type UnreachableStore,
} from './delivery-failures.js';
import { ok, type Outcome } from './outcome.js';
import { publish, sendFailed } from './thread-activity.js';

export interface StatusInput {
  providerMessageId: string;
  status: Extract<MessageStatus, 'sent' | 'delivered' | 'read' | 'failed'>;
  at: Date;
  error?: { code: string; title: string; details?: string };
  /** The tenant of the business number the status came for; with it, each status is kept once in message_statuses. */
  tenantId?: string;
  /** `biz_opaque_callback_data`: our own message id, which we put on every send. */
  messageId?: string | null;
  /** Meta's `pricing` of the status, kept with it (issue 18). */
  pricing?: StatusPricing | null;
  businessNumberId?: string | null;
}

/** What a status touches: the message and Meta's reports, and what a refusal means for the pair. */
export type ApplyStatusStore = ResumeStore & UnreachableStore & Pick<Store, 'statuses'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A delivery status from the provider, merged monotonically: duplicates and late arrivals change nothing. */
export async function applyStatus(
  ctx: AppContext<ApplyStatusStore>,
  input: StatusInput,
): Promise<Outcome<{ changed: boolean }>> {
  return ctx.uow.run((store) => applyStatusIn(store, ctx, input));
}

/** `applyStatus` inside the caller's transaction (the webhook stores a whole batch in one). */
export async function applyStatusIn(
  store: ApplyStatusStore,
  ctx: Pick<AppContext, 'clock' | 'templates'>,
  input: StatusInput,
): Promise<Outcome<{ changed: boolean }>> {
  const message = await messageOf(store, input);
  if (input.tenantId !== undefined) {
    const fresh = await store.statuses.record({
      tenantId: input.tenantId,
      messageId: message?.id ?? null,
      providerMessageId: input.providerMessageId,
      status: input.status,
      error: input.error ?? null,
      occurredAt: input.at,
      pricing: input.pricing ?? null,
      businessNumberId: input.businessNumberId ?? null,
    });
    if (!fresh) return ok({ changed: false });
  }
  if (!message) return ok({ changed: false });

  if (
    input.status === 'failed' &&
    input.error?.code === META_ERROR.windowClosed &&
    message.type !== 'template'
  ) {
    // Meta's clock says the window had closed: hold it again (this attempt's id forgotten) and ask to resume once.
    if (!(await store.messages.holdAgain(message.id, ['sending', 'sent'], input.error)))
      return ok({ changed: false });
    const thread = await store.threads.byId(message.tenantId, message.threadId);
    if (thread) {
      await askToResume(store, ctx, thread, pairKeyOf(message), message, ctx.clock.now());
      publish(store, thread, { type: 'message.updated', threadId: thread.id, messageId: message.id });
      publish(store, thread, { type: 'thread.updated', threadId: thread.id });
    }
    return ok({ changed: true });
  }

  const next = mergeStatus(message.status, input.status, message.error);
  if (next === null) return ok({ changed: false });
  // Meta sent it after all: a failure that was only "we could not confirm it was sent" is forgotten.
  const confirmed = message.status === 'failed' && next !== 'failed';
  // Guarded by every status the merge allows to move to `next`, so a concurrent newer status wins.
  const changed = await store.messages.transition(message.id, statusesBelow(next, message.error), next, {
    ...(input.error ? { error: input.error } : confirmed ? { error: null } : {}),
    // Matched by our own id before the send's answer was stored: keep Meta's id so it is never sent twice.
    ...(message.providerMessageId === null ? { providerMessageId: input.providerMessageId } : {}),
  });
  if (changed) {
    const thread = await store.threads.byId(message.tenantId, message.threadId);
    if (thread) {
      publish(store, thread, { type: 'message.updated', threadId: thread.id, messageId: message.id });
      if (next === 'failed' && input.error?.code === META_ERROR.unreachable)
        await markUnreachable(store, thread, pairKeyOf(message), input.error.code, ctx.clock.now());
      // Most permanent failures arrive here, after Meta accepted the send: the sender gets the card with Retry.
      else if (next === 'failed') await sendFailed(store, thread, message);
    }
    await store.events.append({
      tenantId: message.tenantId,
      type: `message.${next}`,
      threadId: message.threadId,
      payload: {
        messageId: message.id,
        providerMessageId: input.providerMessageId,
        ...(input.error ? { error: input.error } : {}),
      },
      occurredAt: input.at,
    });
  }
  return ok({ changed });
}

/** By Meta's id; else by our own id, unless that message has since been sent under another id or this attempt failed. */
async function messageOf(
  store: Pick<Store, 'messages' | 'statuses'>,
  input: StatusInput,
): Promise<MessageRecord | null> {
  const byWamid = await store.messages.byProviderId(input.providerMessageId);
  if (byWamid) return byWamid;
  if (!input.messageId || !UUID.test(input.messageId) || input.tenantId === undefined) return null;
  const ours = await store.messages.byId(input.tenantId, input.messageId);
  if (!ours || ours.direction !== 'out' || ours.providerMessageId !== null) return null;
  if (await store.statuses.attemptFailed(input.tenantId, input.providerMessageId)) return null;
  return ours;
}
