import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../ports/index.js';
import {
  invalidParameter,
  messagingError,
  unknownObject,
  webhookError,
  type GraphErrorAnswer,
} from './sandbox-graph-errors.js';
import { newMediaId, newWamid } from './sandbox-ids.js';
import { DEFAULT_SANDBOX_SETTINGS, isUnreachable, type SandboxSettings } from './sandbox-settings.js';
import { placeholderCount, renderBody } from '../domain/template-text.js';
import type { SandboxTemplate } from './sandbox-templates.js';
import {
  messageWebhook,
  statusWebhook,
  type BusinessRef,
  type ContactRef,
} from './sandbox-webhook.payloads.js';
import type { WebhookPoster } from './sandbox-webhook.poster.js';
import { parseSendRequest, type SendRequest } from './send-request.schema.js';

const DAY_MS = 24 * 3_600_000;
const MEDIA_URL_TTL_MS = 5 * 60_000;
export const MAX_MEDIA_BYTES = 5 * 1024 * 1024;
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export type MessageState = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

/** One bubble of a chat, as the contact's phone shows it. */
export interface ChatMessage {
  id: string;
  from: 'business' | 'contact';
  type: 'text' | 'image' | 'template' | 'button';
  text: string | null;
  mediaId: string | null;
  template: {
    name: string;
    language: string;
    header: string | null;
    body: string;
    footer: string | null;
    buttons: { text: string; payload: string }[];
  } | null;
  replyTo: string | null;
  /** Epoch milliseconds on the app's clock. */
  at: number;
  /** Business messages: how far delivery got. Contact messages: `read` once the business marked it read. */
  state: MessageState;
  contactReaction: string | null;
  bizOpaque: string | null;
}

export interface Chat {
  key: string;
  phoneNumberId: string;
  waId: string;
  messages: ChatMessage[];
  /** When the contact last wrote (app clock, ms): the 24-hour window counts from it. */
  lastContactAt: number | null;
  conversation: { id: string; startedAt: number } | null;
}

export interface StoredMedia {
  id: string;
  phoneNumberId: string;
  bytes: Buffer;
  mimeType: string;
  sha256Base64: string;
  hash: string;
}

export type GraphAnswer = { httpStatus: 200; body: unknown } | GraphErrorAnswer;

export type ContactAction =
  | { type: 'text'; text: string; replyTo?: string | null }
  | { type: 'image'; bytes: Buffer; mimeType: string; caption?: string | null; replyTo?: string | null }
  | { type: 'button'; messageId: string; index: number }
  | { type: 'reaction'; messageId: string; emoji: string };

export interface SimulatorOptions {
  clock: Clock;
  business: BusinessRef & { displayName: string };
  templates: readonly SandboxTemplate[];
  poster: WebhookPoster;
  random?: () => number;
}

/** Meta's wa_id for what was sent in `to`: digits only. */
export function waIdOf(to: string): string {
  return to.replace(/\D/g, '');
}

/**
 * The WhatsApp Cloud API as Bridgeline sees it, simulated in memory: sends, media, templates and read receipts on the
 * Graph side; the contact's chats on the phone side. Behaves like Meta where the app's rules depend on it: unreachable
 * numbers (131026), the 24-hour window (131047), throughput (130429), and statuses sent → delivered → read posted to
 * the webhook. Time for windows and timestamps is the app's clock; delays and rates are wall-clock.
 */
export class CloudApiSimulator {
  settings: SandboxSettings = { ...DEFAULT_SANDBOX_SETTINGS };
  private readonly chats = new Map<string, Chat>();
  private readonly profiles = new Map<string, string>();
  private readonly media = new Map<string, StoredMedia>();
  private readonly sendTimes = new Map<string, number[]>();
  private readonly readRequested = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners = new Set<(waId: string) => void>();
  private readonly random: () => number;

  constructor(private readonly options: SimulatorOptions) {
    this.random = options.random ?? Math.random;
  }

  // ── Graph side ────────────────────────────────────────────────────────────────────────────────────────────────

  /** `POST /{phone-number-id}/messages`: a send, or a read receipt (`status: "read"`). */
  postMessages(phoneNumberId: string, body: unknown): GraphAnswer {
    const parsed = parseSendRequest(body);
    if (!parsed.ok) return invalidParameter(parsed.details);
    const request = parsed.request;
    if (request.kind === 'read') return this.markRead(phoneNumberId, request.messageId);
    return this.send(phoneNumberId, request);
  }

  uploadMedia(phoneNumberId: string, bytes: Buffer, mimeType: string): GraphAnswer {
    if (!(MEDIA_TYPES as readonly string[]).includes(mimeType)) {
      return invalidParameter(
        `Param file must be a file with one of the following types: ${MEDIA_TYPES.join(', ')}. Received file of type '${mimeType}'.`,
      );
    }
    if (bytes.length === 0 || bytes.length > MAX_MEDIA_BYTES) {
      return invalidParameter(`Image file size must be between 1 byte and ${MAX_MEDIA_BYTES} bytes.`);
    }
    const stored = this.storeMedia(phoneNumberId, bytes, mimeType);
    return { httpStatus: 200, body: { id: stored.id } };
  }

  /** `GET /{media-id}`: the short-lived download URL on the sandbox's own "lookaside" host. */
  mediaInfo(mediaId: string, phoneNumberId: string | null, origin: string): GraphAnswer {
    const media = this.media.get(mediaId);
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
    const media = this.media.get(query.get('mid') ?? '');
    const expires = Number(query.get('ext'));
    if (!media || query.get('hash') !== media.hash || !(expires > Date.now())) return null;
    return media;
  }

  /** Media by id for the contact's phone (no token: it is the contact's own device). */
  mediaForPhone(mediaId: string): StoredMedia | null {
    return this.media.get(mediaId) ?? null;
  }

  listTemplates(
    wabaId: string,
    limit: number,
    after: string | null,
    origin: string,
    path: string,
  ): GraphAnswer {
    if (wabaId !== this.options.business.wabaId) return unknownObject(wabaId);
    const start = after === null ? 0 : Number(Buffer.from(after, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) return invalidParameter('Invalid cursor');
    const all = this.options.templates;
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

  // ── Phone side ────────────────────────────────────────────────────────────────────────────────────────────────

  get business(): BusinessRef & { displayName: string } {
    return this.options.business;
  }

  profileName(waId: string): string {
    return this.profiles.get(waId) ?? `+${waId}`;
  }

  setProfileName(waId: string, name: string): void {
    this.profiles.set(waId, name);
    this.changed(waId);
  }

  allChats(): Chat[] {
    return [...this.chats.values()];
  }

  chat(waId: string, phoneNumberId = this.options.business.phoneNumberId): Chat {
    const key = `${phoneNumberId}:${waId}`;
    let chat = this.chats.get(key);
    if (!chat) {
      chat = { key, phoneNumberId, waId, messages: [], lastContactAt: null, conversation: null };
      this.chats.set(key, chat);
    }
    return chat;
  }

  findChat(waId: string, phoneNumberId = this.options.business.phoneNumberId): Chat | null {
    return this.chats.get(`${phoneNumberId}:${waId}`) ?? null;
  }

  /** Something the contact does on their phone; posts the matching webhook. Null when the action makes no sense. */
  contactAction(
    waId: string,
    action: ContactAction,
    phoneNumberId = this.options.business.phoneNumberId,
  ): { ok: true; message: ChatMessage | null } | { ok: false; reason: string } {
    const chat = this.chat(waId, phoneNumberId);
    const now = this.options.clock.now().getTime();
    const base = { id: newWamid(), from: 'contact' as const, at: now, state: 'sent' as const };
    const context = (quoted: string | null | undefined) => {
      if (!quoted) return {};
      return { context: { from: this.options.business.displayPhoneNumber, id: quoted } };
    };
    const quoted = 'replyTo' in action ? (action.replyTo ?? null) : null;
    if (quoted !== null && !chat.messages.some((m) => m.id === quoted)) {
      return { ok: false, reason: 'the quoted message is not in this chat' };
    }

    if (action.type === 'reaction') {
      const target = chat.messages.find((m) => m.id === action.messageId);
      if (!target) return { ok: false, reason: 'no such message' };
      target.contactReaction = action.emoji === '' ? null : action.emoji;
      this.postMessage(chat, {
        from: waId,
        id: base.id,
        timestamp: String(Math.floor(now / 1000)),
        type: 'reaction',
        reaction: { message_id: target.id, emoji: action.emoji },
      });
      this.changed(waId);
      return { ok: true, message: null };
    }

    let message: ChatMessage;
    if (action.type === 'text') {
      const text = action.text.trim();
      if (text === '') return { ok: false, reason: 'empty message' };
      message = {
        ...base,
        type: 'text',
        text,
        mediaId: null,
        template: null,
        replyTo: quoted,
        contactReaction: null,
        bizOpaque: null,
      };
      this.postMessage(chat, {
        ...context(quoted),
        from: waId,
        id: message.id,
        timestamp: String(Math.floor(now / 1000)),
        type: 'text',
        text: { body: text },
      });
    } else if (action.type === 'image') {
      if (
        !(MEDIA_TYPES as readonly string[]).includes(action.mimeType) ||
        action.bytes.length > MAX_MEDIA_BYTES
      ) {
        return { ok: false, reason: 'only JPEG, PNG or WebP images up to 5 MB' };
      }
      const media = this.storeMedia(phoneNumberId, action.bytes, action.mimeType);
      const caption = action.caption?.trim() || null;
      message = {
        ...base,
        type: 'image',
        text: caption,
        mediaId: media.id,
        template: null,
        replyTo: quoted,
        contactReaction: null,
        bizOpaque: null,
      };
      this.postMessage(chat, {
        ...context(quoted),
        from: waId,
        id: message.id,
        timestamp: String(Math.floor(now / 1000)),
        type: 'image',
        image: {
          ...(caption !== null ? { caption } : {}),
          mime_type: media.mimeType,
          sha256: media.sha256Base64,
          id: media.id,
        },
      });
    } else {
      const template = chat.messages.find((m) => m.id === action.messageId)?.template;
      const button = template?.buttons[action.index];
      if (!button) return { ok: false, reason: 'no such button' };
      message = {
        ...base,
        type: 'button',
        text: button.text,
        mediaId: null,
        template: null,
        replyTo: action.messageId,
        contactReaction: null,
        bizOpaque: null,
      };
      // A quick-reply tap quotes the template it belongs to.
      this.postMessage(chat, {
        context: { from: this.options.business.displayPhoneNumber, id: action.messageId },
        from: waId,
        id: message.id,
        timestamp: String(Math.floor(now / 1000)),
        type: 'button',
        button: { payload: button.payload, text: button.text },
      });
    }
    chat.messages.push(message);
    chat.lastContactAt = now;
    this.changed(waId);
    return { ok: true, message };
  }

  /** The contact's phone showed the chat: every delivered business message becomes read (later ones when delivered). */
  contactRead(waId: string, phoneNumberId = this.options.business.phoneNumberId): number {
    const chat = this.findChat(waId, phoneNumberId);
    if (!chat) return 0;
    let count = 0;
    for (const m of chat.messages) {
      if (m.from !== 'business' || m.state === 'read' || m.state === 'failed') continue;
      count += 1;
      if (m.state === 'delivered') this.advance(chat, m, 'read');
      else this.readRequested.add(m.id);
    }
    if (count > 0) this.changed(waId);
    return count;
  }

  onChange(listener: (waId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.listeners.clear();
  }

  // ── Internals ─────────────────────────────────────────────────────────────────────────────────────────────────

  private send(phoneNumberId: string, request: Exclude<SendRequest, { kind: 'read' }>): GraphAnswer {
    if (this.random() < this.settings.errorRate) return messagingError(131000);
    if (!this.withinThroughput(phoneNumberId)) return messagingError(130429);

    const waId = waIdOf(request.to);
    const now = this.options.clock.now().getTime();
    const failure = this.failureFor(waId, phoneNumberId, request, now);
    if (failure !== null && this.settings.failuresAs === 'response') return messagingError(failure);

    let rendered: Pick<ChatMessage, 'type' | 'text' | 'mediaId' | 'template'>;
    if (request.type === 'text') {
      rendered = { type: 'text', text: request.body, mediaId: null, template: null };
    } else if (request.type === 'image') {
      if (!this.media.has(request.mediaId)) {
        return invalidParameter(
          `Param image['id'] is not a valid whatsapp business account media attachment ID`,
        );
      }
      rendered = { type: 'image', text: request.caption, mediaId: request.mediaId, template: null };
    } else {
      const template = this.options.templates.find(
        (t) => t.name === request.name && t.language === request.language && t.status === 'APPROVED',
      );
      if (!template)
        return messagingError(
          132001,
          `template name (${request.name}) does not exist in ${request.language}`,
        );
      const body = template.components.find((c) => c.type === 'BODY');
      const bodyText = body && 'text' in body ? body.text : '';
      if (placeholderCount(bodyText) !== request.bodyParameters.length) return messagingError(132000);
      const header = template.components.find((c) => c.type === 'HEADER');
      const footer = template.components.find((c) => c.type === 'FOOTER');
      const buttons = template.components.flatMap((c) => (c.type === 'BUTTONS' ? c.buttons : []));
      rendered = {
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
      this.later(this.settings.statusDelayMs, () => {
        const contact = this.contactRef(waId);
        this.post(
          `${phoneNumberId}:${waId}`,
          'status failed',
          statusWebhook(this.businessFor(phoneNumberId), contact, {
            wamid,
            status: 'failed',
            at: this.options.clock.now(),
            bizOpaque: request.bizOpaque,
            category: request.type === 'template' ? 'utility' : 'service',
            conversationId: '',
            conversationExpiresAt: this.options.clock.now(),
            errors: [webhookError(failure)],
          }),
        );
      });
      return answer;
    }

    const chat = this.chat(waId, phoneNumberId);
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
    this.changed(waId);
    this.later(this.settings.statusDelayMs, () => {
      this.advance(chat, message, 'sent');
      this.later(this.settings.statusDelayMs, () => {
        this.advance(chat, message, 'delivered');
        if (this.readRequested.delete(message.id)) this.advance(chat, message, 'read');
      });
    });
    return answer;
  }

  private failureFor(
    waId: string,
    phoneNumberId: string,
    request: Exclude<SendRequest, { kind: 'read' }>,
    now: number,
  ): 131026 | 131047 | null {
    if (isUnreachable(waId, this.settings)) return 131026;
    if (request.type === 'template') return null;
    const last = this.findChat(waId, phoneNumberId)?.lastContactAt ?? null;
    return last !== null && now < last + DAY_MS ? null : 131047;
  }

  private markRead(phoneNumberId: string, messageId: string): GraphAnswer {
    const chat = [...this.chats.values()].find(
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
    this.changed(chat.waId);
    return { httpStatus: 200, body: { success: true } };
  }

  private advance(chat: Chat, message: ChatMessage, to: 'sent' | 'delivered' | 'read'): void {
    const order: MessageState[] = ['accepted', 'sent', 'delivered', 'read'];
    if (order.indexOf(to) <= order.indexOf(message.state)) return;
    message.state = to;
    const at = this.options.clock.now();
    const conversation = chat.conversation ?? { id: '', startedAt: at.getTime() };
    this.post(
      chat.key,
      `status ${to}`,
      statusWebhook(this.businessFor(chat.phoneNumberId), this.contactRef(chat.waId), {
        wamid: message.id,
        status: to,
        at,
        bizOpaque: message.bizOpaque,
        category: message.type === 'template' ? 'utility' : 'service',
        conversationId: conversation.id,
        conversationExpiresAt: new Date(conversation.startedAt + DAY_MS),
      }),
    );
    this.changed(chat.waId);
  }

  private postMessage(chat: Chat, message: Parameters<typeof messageWebhook>[2]): void {
    this.post(
      chat.key,
      `message ${String(message.type)}`,
      messageWebhook(this.businessFor(chat.phoneNumberId), this.contactRef(chat.waId), message),
    );
  }

  private post(key: string, kind: string, body: unknown): void {
    if (!this.settings.webhooks) return;
    this.options.poster.post(key, kind, body, { duplicate: this.random() < this.settings.duplicateRate });
  }

  private businessFor(phoneNumberId: string): BusinessRef {
    return { ...this.options.business, phoneNumberId };
  }

  private contactRef(waId: string): ContactRef {
    return { waId, profileName: this.profiles.get(waId) ?? 'Sandbox Contact' };
  }

  private storeMedia(phoneNumberId: string, bytes: Buffer, mimeType: string): StoredMedia {
    const stored: StoredMedia = {
      id: newMediaId(),
      phoneNumberId,
      bytes,
      mimeType,
      sha256Base64: createHash('sha256').update(bytes).digest('base64'),
      hash: randomBytes(12).toString('base64url'),
    };
    this.media.set(stored.id, stored);
    return stored;
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
    if (times.length >= this.settings.throughputPerSecond) return false;
    times.push(now);
    return true;
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private changed(waId: string): void {
    for (const listener of this.listeners) listener(waId);
  }
}
