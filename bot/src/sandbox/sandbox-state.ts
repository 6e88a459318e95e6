import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../ports/index.js';
import type { SandboxTemplate } from './graph/account-templates.js';
import { newMediaId } from './sandbox-ids.js';
import { DEFAULT_SANDBOX_SETTINGS, type SandboxSettings } from './sandbox-settings.js';
import {
  messageWebhook,
  statusWebhook,
  type BusinessRef,
  type ContactRef,
} from './sandbox-webhook.payloads.js';
import type { WebhookPoster } from './sandbox-webhook.poster.js';

export const DAY_MS = 24 * 3_600_000;
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

export type SandboxBusiness = BusinessRef & { displayName: string };

export interface SandboxStateOptions {
  clock: Clock;
  business: SandboxBusiness;
  templates: readonly SandboxTemplate[];
  poster: WebhookPoster;
  random?: () => number;
}

/**
 * The one state both faces of the sandbox share: chats (with their messages), media, the contacts' profile names, the
 * account's templates and the fault settings; and what both faces do with it: post Meta's webhooks, move a business
 * message along sent → delivered → read, and tell the phone page something changed.
 * Meta's side (`graph/graph-face.ts`) and the contact's side (`phone/phone-face.ts`) each hold this one object.
 * Time for windows and timestamps is the app's clock; delays are wall-clock.
 */
export class SandboxState {
  settings: SandboxSettings = { ...DEFAULT_SANDBOX_SETTINGS };
  readonly clock: Clock;
  readonly business: SandboxBusiness;
  readonly templates: readonly SandboxTemplate[];
  readonly random: () => number;
  /** Business messages the phone showed before they were delivered: they become read once delivered. */
  readonly readRequested = new Set<string>();
  private readonly poster: WebhookPoster;
  private readonly chats = new Map<string, Chat>();
  private readonly profiles = new Map<string, string>();
  private readonly media = new Map<string, StoredMedia>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners = new Set<(waId: string) => void>();

  constructor(options: SandboxStateOptions) {
    this.clock = options.clock;
    this.business = options.business;
    this.templates = options.templates;
    this.poster = options.poster;
    this.random = options.random ?? Math.random;
  }

  /** The app's clock, in epoch milliseconds. */
  now(): number {
    return this.clock.now().getTime();
  }

  // ── Chats and profiles ────────────────────────────────────────────────────────────────────────────────────────

  allChats(): Chat[] {
    return [...this.chats.values()];
  }

  chat(waId: string, phoneNumberId = this.business.phoneNumberId): Chat {
    const key = `${phoneNumberId}:${waId}`;
    let chat = this.chats.get(key);
    if (!chat) {
      chat = { key, phoneNumberId, waId, messages: [], lastContactAt: null, conversation: null };
      this.chats.set(key, chat);
    }
    return chat;
  }

  findChat(waId: string, phoneNumberId = this.business.phoneNumberId): Chat | null {
    return this.chats.get(`${phoneNumberId}:${waId}`) ?? null;
  }

  profileName(waId: string): string {
    return this.profiles.get(waId) ?? `+${waId}`;
  }

  setProfileName(waId: string, name: string): void {
    this.profiles.set(waId, name);
    this.changed(waId);
  }

  // ── Media ─────────────────────────────────────────────────────────────────────────────────────────────────────

  storeMedia(phoneNumberId: string, bytes: Buffer, mimeType: string): StoredMedia {
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

  mediaById(mediaId: string): StoredMedia | null {
    return this.media.get(mediaId) ?? null;
  }

  // ── Webhooks and delivery statuses ────────────────────────────────────────────────────────────────────────────

  /** Moves a business message forward (never back) and posts the matching status webhook. */
  advance(chat: Chat, message: ChatMessage, to: 'sent' | 'delivered' | 'read'): void {
    const order: MessageState[] = ['accepted', 'sent', 'delivered', 'read'];
    if (order.indexOf(to) <= order.indexOf(message.state)) return;
    message.state = to;
    const at = this.clock.now();
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

  /** Posts what the contact did as a `messages` webhook. */
  postMessage(chat: Chat, message: Parameters<typeof messageWebhook>[2]): void {
    this.post(
      chat.key,
      `message ${String(message.type)}`,
      messageWebhook(this.businessFor(chat.phoneNumberId), this.contactRef(chat.waId), message),
    );
  }

  /** Posts a webhook body, in order with the others of `key` (a chat); nothing when webhooks are off. */
  post(key: string, kind: string, body: unknown): void {
    if (!this.settings.webhooks) return;
    this.poster.post(key, kind, body, { duplicate: this.random() < this.settings.duplicateRate });
  }

  businessFor(phoneNumberId: string): BusinessRef {
    return { ...this.business, phoneNumberId };
  }

  contactRef(waId: string): ContactRef {
    return { waId, profileName: this.profiles.get(waId) ?? 'Sandbox Contact' };
  }

  // ── Time and change notifications ─────────────────────────────────────────────────────────────────────────────

  /** Runs `fn` after `ms` of wall-clock time, unless the sandbox is closed first. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  onChange(listener: (waId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(waId: string): void {
    for (const listener of this.listeners) listener(waId);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.listeners.clear();
  }
}
