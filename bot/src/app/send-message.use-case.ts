import { flowTemplatesOf } from './admin/flow-templates.js';
import { channelCarries, type Message, type SendMessageBody } from '@bridgeline/shared';
import { whatsappAllowed } from '../domain/administration.js';
import { decideSend, type OutboundKind } from '../domain/send-decision.js';
import { BUTTON_PAYLOADS } from '../domain/consent.js';
import { pairKeyOf, type AppContext, type Caller } from './context.js';
import { mediaForSending } from './media.use-case.js';
import { fail, ok, type Outcome } from './outcome.js';
import { presentMessage } from './presenters.js';
import { addNotice, publish, queueOutbound, scheduleDelivery, threadGained } from './thread-activity.js';
import type { Store } from '../ports/index.js';
import type { ResumeStore } from './delivery-failures.js';
import { accessForWriting } from './thread-access.js';
import { templateText } from './template-text.js';
import { checkOutbound, recordOutbound, type DlpParts, type DlpStore } from './dlp/outbound.js';

/**
 * A member sends a message (product.md §4, §5). The domain decides: send now, hold (for consent, or for the window —
 * with the resume template once per pause), or refuse. Data loss prevention reads its words before it is stored
 * (product.md §9: blocked, redacted or flagged). The message and its delivery job commit together. The same
 * `clientMessageId` twice stores and sends one message.
 */
/** What a member's message touches: the thread and the caller's place in it, the pair, the image, the message. */
export type SendStore = ResumeStore & Pick<Store, 'media' | 'tenants'> & DlpStore;

export async function sendMessage(
  ctx: AppContext<SendStore>,
  caller: Caller,
  threadId: string,
  body: SendMessageBody,
): Promise<Outcome<{ message: Message; created: boolean }>> {
  const kind: OutboundKind = 'template' in body ? 'template' : 'mediaId' in body ? 'image' : 'text';
  const now = ctx.clock.now();
  const result = await ctx.uow.run(async (store) => {
    const earlier = await store.messages.byClientId(caller.tenantId, caller.id, body.clientMessageId);
    if (earlier) return sameRequest(earlier.threadId, threadId, earlier);

    const access = await accessForWriting(store, caller, threadId);
    if (!access.ok) return access;
    const { thread } = access.value;
    const tenant = await store.tenants.byId(thread.tenantId);
    const allowed = whatsappAllowed({
      channel: thread.channel,
      tenantWhatsappEnabled: tenant?.whatsappEnabled,
    });
    if (!allowed.ok) return allowed;
    if (!channelCarries(thread.channel, kind))
      return fail(
        'validation_failed',
        kind === 'template' ? 'SMS has no templates.' : 'SMS carries text only.',
      );
    if ('mediaId' in body) {
      if (!(await mediaForSending(store, caller, body.mediaId)))
        return fail(
          'validation_failed',
          'Upload the image first (POST /api/v1/media), then send its mediaId.',
        );
    }
    const key = pairKeyOf(thread);
    const pair = await store.pairs.lock(key);
    const decision = decideSend(thread.channel, kind, pair, now);
    if (!decision.ok) return decision;
    const subject = {
      tenantId: thread.tenantId,
      threadId: thread.id,
      actorMemberId: caller.id,
      kind,
      at: now,
    };
    const dlp = await checkOutbound(store, subject, wordsOf(body));
    if (!dlp.ok) return dlp;
    const template = 'template' in body ? { ...body.template, ...dlpParameters(dlp.parts) } : null;

    const message = await store.messages.insert({
      ...key,
      threadId: thread.id,
      direction: 'out',
      type: kind,
      text: template
        ? await templateText(store, thread.tenantId, template)
        : dlp.parts && 'text' in dlp.parts
          ? dlp.parts.text
          : null,
      mediaId: 'mediaId' in body ? body.mediaId : null,
      template,
      dlpFlags: dlp.flags,
      dlpVersion: dlp.version,
      senderMemberId: caller.id,
      clientMessageId: body.clientMessageId,
      status: decision.action === 'send' ? 'queued' : 'held',
      holdReason: decision.action === 'hold' ? decision.reason : null,
      providerMessageId: null,
      replyToProviderId: null,
      createdAt: now,
    });
    if (!message) {
      // Another request with the same client id committed first: answer with its message.
      const stored = await store.messages.byClientId(caller.tenantId, caller.id, body.clientMessageId);
      return stored ? sameRequest(stored.threadId, threadId, stored) : fail('internal');
    }
    await recordOutbound(store, { ...subject, messageId: message.id }, dlp);
    await threadGained(store, thread, message);
    await store.events.append({
      tenantId: thread.tenantId,
      type: decision.action === 'send' ? 'message.queued' : 'message.held',
      threadId: thread.id,
      actorMemberId: caller.id,
      payload: {
        messageId: message.id,
        kind,
        ...(decision.action === 'hold' ? { reason: decision.reason } : {}),
      },
      occurredAt: now,
    });
    if (decision.action === 'send') await scheduleDelivery(store, thread);
    if (decision.action === 'hold' && decision.reason === 'window' && decision.sendResumeTemplate) {
      const template = (await flowTemplatesOf(ctx, store, thread.tenantId, thread.businessNumberId)).resume;
      await queueOutbound(
        store,
        thread,
        {
          type: 'template',
          template: { ...template, parameters: [], quickReplies: [BUTTON_PAYLOADS.resume] },
        },
        null,
        now,
      );
      await store.pairs.update(key, { resumeRequestedAt: now });
      await addNotice(store, thread, 'window_closed_held', {}, now, caller.id);
    }
    publish(store, thread, { type: 'thread.updated', threadId: thread.id });
    return ok({ message: presentMessage(message), created: true });
  });
  return result;
}

function sameRequest(storedThreadId: string, threadId: string, stored: Parameters<typeof presentMessage>[0]) {
  if (storedThreadId !== threadId)
    return fail('validation_failed', 'This clientMessageId was already used in another conversation.');
  return ok({ message: presentMessage(stored), created: false });
}

/** What DLP reads of a message: its text, its caption, or its template's parameters. */
function wordsOf(body: SendMessageBody): DlpParts {
  if ('text' in body) return { text: body.text };
  if ('mediaId' in body) return body.caption?.trim() ? { text: body.caption.trim() } : null;
  return { parameters: body.template.parameters };
}

const dlpParameters = (parts: DlpParts) =>
  parts && 'parameters' in parts ? { parameters: parts.parameters } : {};
