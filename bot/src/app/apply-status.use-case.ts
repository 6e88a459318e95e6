import type { MessageStatus } from '@bridgeline/shared';
import { mergeStatus, statusesBelow } from '../domain/message-status.js';
import type { AppContext } from './context.js';
import { ok, type Outcome } from './outcome.js';
import { publish } from './thread-activity.js';

/** A delivery status from the provider, merged monotonically: duplicates and late arrivals change nothing. */
export async function applyStatus(
  ctx: AppContext,
  input: {
    providerMessageId: string;
    status: Extract<MessageStatus, 'sent' | 'delivered' | 'read' | 'failed'>;
    at: Date;
    error?: { code: string; title: string; details?: string };
  },
): Promise<Outcome<{ changed: boolean }>> {
  return ctx.uow.run(async (store) => {
    const message = await store.messages.byProviderId(input.providerMessageId);
    if (!message) return ok({ changed: false });
    const next = mergeStatus(message.status, input.status);
    if (next === null) return ok({ changed: false });
    // Guarded by every status the merge allows to move to `next`, so a concurrent newer status wins.
    const changed = await store.messages.transition(
      message.id,
      statusesBelow(next),
      next,
      input.error ? { error: input.error } : {},
    );
    if (changed) {
      const thread = await store.threads.byId(message.tenantId, message.threadId);
      if (thread)
        publish(store, thread, { type: 'message.updated', threadId: thread.id, messageId: message.id });
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
  });
}
