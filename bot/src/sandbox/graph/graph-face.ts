import { randomBytes } from 'node:crypto';
import { placeholderCount, renderBody } from '../../domain/template-text.js';
import { isUnreachable } from '../sandbox-settings.js';
import { newWamid } from '../sandbox-ids.js';
import {
  DAY_MS,
  MAX_MEDIA_BYTES,
  MEDIA_TYPES,
  type ChatMessage,
  type SandboxState,
  type StoredMedia,
} from '../sandbox-state.js';
import { statusWebhook } from '../sandbox-webhook.payloads.js';
import type { SandboxTemplate } from './account-templates.js';
import { SandboxBusinessProfiles } from './business-profiles.js';
import {
  invalidParameter,
  messagingError,
  unknownObject,
  webhookError,
  type GraphErrorAnswer,
} from './graph-errors.js';
import { parseSendRequest, type SendRequest } from './send-request.schema.js';

const MEDIA_URL_TTL_MS = 5 * 60_000;

export type GraphAnswer = { httpStatus: 200; body: unknown } | GraphErrorAnswer;

type SendOf = Exclude<SendRequest, { kind: 'read' }>;
type Rendered = Pick<ChatMessage, 'type' | 'text' | 'mediaId' | 'template'>;

/** Meta's wa_id for what was sent in `to`: digits only. */
export function waIdOf(to: string): string {
  return to.replace(/\D/g, '');
}

/**
 * Meta's side of the sandbox: the WhatsApp Cloud API (Graph) a business calls, in memory. Sends, read receipts, media
 * and the template list, answered like Meta where the app's rules depend on it: unreachable numbers (131026), the
 * 24-hour window (131047), throughput (130429), templates (132000, 132001), and statuses sent → delivered → read
 * posted back to the webhook. The contact's side is `phone/phone-face.ts`; both share one `SandboxState`.
 */
export class GraphFace {
  private readonly sendTimes = new Map<string, number[]>();
  /** `/{phone-number-id}/whatsapp_business_profile`. */
  readonly profiles = new SandboxBusinessProfiles();

  constructor(private readonly state: SandboxState) {}

  /** Added before every Graph answer (a setting). */
  get latencyMs(): number {
    return this.state.settings.latencyMs;
  }

  /** `POST /{phone-number-id}/messages`: a send, or a read receipt (`status: "read"`). */
  postMessages(phoneNumberId: string, body: unknown): GraphAnswer {
    const parsed = parseSendRequest(body);
    if (!parsed.ok) return invalidParameter(parsed.details);
    const request = parsed.request;
    if (request.kind === 'read') return this.markRead(phoneNumberId, request.messageId);
    return this.send(phoneNumberId, request);
  }

  /** `POST /{phone-number-id}/media`. */
  uploadMedia(phoneNumberId: string, bytes: Buffer, mimeType: string): GraphAnswer {
    if (!(MEDIA_TYPES as readonly string[]).includes(mimeType)) {
      return invalidParameter(
        `Param file must be a file with one of the following types: ${MEDIA_TYPES.join(', ')}. Received file of type '${mimeType}'.`,
      );
    }
    if (bytes.length === 0 || bytes.length > MAX_MEDIA_BYTES) {
      return invalidParameter(`Image file size must be between 1 byte and ${MAX_MEDIA_BYTES} bytes.`);
    }
    const stored = this.state.storeMedia(phoneNumberId, bytes, mimeType);
    return { httpStatus: 200, body: { id: stored.id } };
  }

  /** `GET /{media-id}`: the short-lived download URL on the sandbox's own "lookaside" host. */
  mediaInfo(mediaId: string, phoneNumberId: string | null, origin: string): GraphAnswer {
    const media = this.state.mediaById(mediaId);
    if (!media) return unknownObject(mediaId);
    if (phoneNumberId !== null && phoneNumberId !== media.phoneNumberId) {
      return invalidParameter(`Media ${mediaId} does not belong to phone number ${phoneNumberId}.`);
    }
    const url = new URL('/sandbox/lookaside/whatsapp_business/attachments/', origin);
    url.searchParams.set('mid', media.id);
    url.searchParams.set('ext', String(Date.now() + MEDIA_URL_TTL_MS));
    url.searchParams.set('hash', media.hash);
    return {
      httpStatus: 200,
      body: {
        url: url.toString(),
        mime_type: media.mimeType,
        sha256: media.sha256Base64,
        file_size: String(media.bytes.length),
        id: media.id,
        messaging_product: 'whatsapp',
      },
    };
  }

  /** The bytes behind a lookaside URL; null when the URL is unknown, tampered with or expired. */
  mediaDownload(query: URLSearchParams): StoredMedia | null {
    const media = this.state.mediaById(query.get('mid') ?? '');
    const expires = Number(query.get('ext'));
    if (!media || query.get('hash') !== media.hash || !(expires > Date.now())) return null;
    return media;
  }

  /** `GET /{waba-id}/message_templates`, with Meta's cursor paging. */
  listTemplates(
    wabaId: string,
    limit: number,
    after: string | null,
    origin: string,
    path: string,
  ): GraphAnswer {
    if (wabaId !== this.state.business.wabaId) return unknownObject(wabaId);
    const start = after === null ? 0 : Number(Buffer.from(after, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) return invalidParameter('Invalid cursor');
    const all = this.state.templates;
    const page = all.slice(start, start + limit);
    const end = start + page.length;
    const cursor = (n: number) => Buffer.from(String(n), 'utf8').toString('base64url');
    const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(end) } };
    if (end < all.length) {
      const next = new URL(path, origin);
      next.searchParams.set('limit', String(limit));
      next.searchParams.set('after', cursor(end));
      paging.next = next.toString();
    }
    return { httpStatus: 200, body: { data: page, paging } };
  }

  private send(phoneNumberId: string, request: SendOf): GraphAnswer {
    const { state } = this;
    if (state.random() < state.settings.errorRate) return messagingError(131000);
    if (!this.withinThroughput(phoneNumberId)) return messagingError(130429);

    const waId = waIdOf(request.to);
    const now = state.now();
    const failure = this.failureFor(waId, phoneNumberId, request, now);
    if (failure !== null && state.settings.failuresAs === 'response') return messagingError(failure);

    let rendered: Rendered;
    if (request.type === 'text') {
      rendered = { type: 'text', text: request.body, mediaId: null, template: null };
    } else if (request.type === 'image') {
      if (!state.mediaById(request.mediaId)) {
        return invalidParameter(
          `Param image['id'] is not a valid whatsapp business account media attachment ID`,
        );
      }
      rendered = { type: 'image', text: request.caption, mediaId: request.mediaId, template: null };
    } else {
      const template = renderTemplate(state.templates, request);
      if ('httpStatus' in template) return template;
      rendered = template;
    }

    const wamid = newWamid();
    const answer: GraphAnswer = {
      httpStatus: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: request.to, wa_id: waId }],
        messages: [{ id: wamid, ...(request.type === 'template' ? { message_status: 'accepted' } : {}) }],
      },
    };
    if (failure !== null) {
      // failuresAs "status": accepted now, reported failed by webhook, never shown on the phone.
      state.later(state.settings.statusDelayMs, () => {
        state.post(
          `${phoneNumberId}:${waId}`,
          'status failed',
          statusWebhook(state.businessFor(phoneNumberId), state.contactRef(waId), {
            wamid,
            status: 'failed',
            at: state.clock.now(),
            bizOpaque: request.bizOpaque,
            category: request.type === 'template' ? 'utility' : 'service',
            conversationId: '',
            conversationExpiresAt: state.clock.now(),
            errors: [webhookError(failure)],
          }),
        );
      });
      return answer;
    }

    const chat = state.chat(waId, phoneNumberId);
    const message: ChatMessage = {
      id: wamid,
      from: 'business',
      ...rendered,
      replyTo: request.replyTo,
      at: now,
      state: 'accepted',
      contactReaction: null,
      bizOpaque: request.bizOpaque,
    };
    chat.messages.push(message);
    if (chat.conversation === null || now >= chat.conversation.startedAt + DAY_MS) {
      chat.conversation = { id: randomBytes(16).toString('hex'), startedAt: now };
    }
    state.changed(waId);
    state.later(state.settings.statusDelayMs, () => {
      state.advance(chat, message, 'sent');
      state.later(state.settings.statusDelayMs, () => {
        state.advance(chat, message, 'delivered');
        if (state.readRequested.delete(message.id)) state.advance(chat, message, 'read');
      });
    });
    return answer;
  }

  private failureFor(
    waId: string,
    phoneNumberId: string,
    request: SendOf,
    now: number,
  ): 131026 | 131047 | null {
    if (isUnreachable(waId, this.state.settings)) return 131026;
    if (request.type === 'template') return null;
    const last = this.state.findChat(waId, phoneNumberId)?.lastContactAt ?? null;
    return last !== null && now < last + DAY_MS ? null : 131047;
  }

  private markRead(phoneNumberId: string, messageId: string): GraphAnswer {
    const chat = this.state
      .allChats()
      .find(
        (c) =>
          c.phoneNumberId === phoneNumberId &&
          c.messages.some((m) => m.id === messageId && m.from === 'contact'),
      );
    if (!chat) return invalidParameter(`Invalid message_id: ${messageId}`);
    // WhatsApp shows everything up to the marked message as read.
    for (const m of chat.messages) {
      if (m.from === 'contact') m.state = 'read';
      if (m.id === messageId) break;
    }
    this.state.changed(chat.waId);
    return { httpStatus: 200, body: { success: true } };
  }

  /** Sliding one-second window per business number (wall clock). */
  private withinThroughput(phoneNumberId: string): boolean {
    const now = performance.now();
    let times = this.sendTimes.get(phoneNumberId);
    if (!times) {
      times = [];
      this.sendTimes.set(phoneNumberId, times);
    }
    let drop = 0;
    while (drop < times.length && times[drop]! <= now - 1000) drop += 1;
    if (drop > 0) times.splice(0, drop);
    if (times.length >= this.state.settings.throughputPerSecond) return false;
    times.push(now);
    return true;
  }
}

/** A template send as the phone shows it: 132001 for an unknown or unapproved template, 132000 for a wrong count. */
function renderTemplate(
  templates: readonly SandboxTemplate[],
  request: Extract<SendOf, { type: 'template' }>,
): Rendered | GraphErrorAnswer {
  const template = templates.find(
    (t) => t.name === request.name && t.language === request.language && t.status === 'APPROVED',
  );
  if (!template)
    return messagingError(132001, `template name (${request.name}) does not exist in ${request.language}`);
  const body = template.components.find((c) => c.type === 'BODY');
  const bodyText = body && 'text' in body ? body.text : '';
  if (placeholderCount(bodyText) !== request.bodyParameters.length) return messagingError(132000);
  const header = template.components.find((c) => c.type === 'HEADER');
  const footer = template.components.find((c) => c.type === 'FOOTER');
  const buttons = template.components.flatMap((c) => (c.type === 'BUTTONS' ? c.buttons : []));
  return {
    type: 'template',
    text: null,
    mediaId: null,
    template: {
      name: template.name,
      language: template.language,
      header: header && 'text' in header ? header.text : null,
      body: renderBody(bodyText, request.bodyParameters),
      footer: footer && 'text' in footer ? footer.text : null,
      // Without a payload in the send, Meta echoes the button's text as the payload.
      buttons: buttons.map((b, i) => ({
        text: b.text,
        payload: request.quickReplyPayloads.get(i) ?? b.text,
      })),
    },
  };
}
