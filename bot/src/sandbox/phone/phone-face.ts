import { newWamid } from '../sandbox-ids.js';
import {
  MAX_MEDIA_BYTES,
  MEDIA_TYPES,
  type Chat,
  type ChatMessage,
  type SandboxBusiness,
  type SandboxState,
  type StoredMedia,
} from '../sandbox-state.js';

/** What the contact can do on their phone. */
export type ContactAction =
  | { type: 'text'; text: string; replyTo?: string | null }
  | { type: 'image'; bytes: Buffer; mimeType: string; caption?: string | null; replyTo?: string | null }
  | { type: 'button'; messageId: string; index: number }
  | { type: 'reaction'; messageId: string; emoji: string };

export type ContactActionResult = { ok: true; message: ChatMessage | null } | { ok: false; reason: string };

/**
 * The contact's side of the sandbox: their phone. The chats as they see them, what they type, send, tap (the opt-in
 * and resume buttons) and react, and their reading the chat. Every action reaches the app as Meta's webhook would.
 * Meta's side is `graph/graph-face.ts`; both share one `SandboxState`.
 */
export class PhoneFace {
  constructor(private readonly state: SandboxState) {}

  get business(): SandboxBusiness {
    return this.state.business;
  }

  /** The app's clock, in epoch milliseconds (the 24-hour window is shown on it). */
  now(): number {
    return this.state.now();
  }

  allChats(): Chat[] {
    return this.state.allChats();
  }

  chat(waId: string, phoneNumberId = this.state.business.phoneNumberId): Chat {
    return this.state.chat(waId, phoneNumberId);
  }

  profileName(waId: string): string {
    return this.state.profileName(waId);
  }

  setProfileName(waId: string, name: string): void {
    this.state.setProfileName(waId, name);
  }

  /** Media by id for the contact's phone (no token: it is the contact's own device). */
  media(mediaId: string): StoredMedia | null {
    return this.state.mediaById(mediaId);
  }

  /** Something the contact does on their phone; posts the matching webhook. Refused when the action makes no sense. */
  contactAction(
    waId: string,
    action: ContactAction,
    phoneNumberId = this.state.business.phoneNumberId,
  ): ContactActionResult {
    const { state } = this;
    const chat = state.chat(waId, phoneNumberId);
    const now = state.now();
    const timestamp = String(Math.floor(now / 1000));
    const base = {
      id: newWamid(),
      from: 'contact' as const,
      at: now,
      state: 'sent' as const,
      contactReaction: null,
      bizOpaque: null,
    };
    const context = (quoted: string | null | undefined) => {
      if (!quoted) return {};
      return { context: { from: state.business.displayPhoneNumber, id: quoted } };
    };
    const quoted = 'replyTo' in action ? (action.replyTo ?? null) : null;
    if (quoted !== null && !chat.messages.some((m) => m.id === quoted)) {
      return { ok: false, reason: 'the quoted message is not in this chat' };
    }

    if (action.type === 'reaction') {
      const target = chat.messages.find((m) => m.id === action.messageId);
      if (!target) return { ok: false, reason: 'no such message' };
      target.contactReaction = action.emoji === '' ? null : action.emoji;
      state.postMessage(chat, {
        from: waId,
        id: base.id,
        timestamp,
        type: 'reaction',
        reaction: { message_id: target.id, emoji: action.emoji },
      });
      state.changed(waId);
      return { ok: true, message: null };
    }

    let message: ChatMessage;
    if (action.type === 'text') {
      const text = action.text.trim();
      if (text === '') return { ok: false, reason: 'empty message' };
      message = { ...base, type: 'text', text, mediaId: null, template: null, replyTo: quoted };
      state.postMessage(chat, {
        ...context(quoted),
        from: waId,
        id: message.id,
        timestamp,
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
      const media = state.storeMedia(phoneNumberId, action.bytes, action.mimeType);
      const caption = action.caption?.trim() || null;
      message = { ...base, type: 'image', text: caption, mediaId: media.id, template: null, replyTo: quoted };
      state.postMessage(chat, {
        ...context(quoted),
        from: waId,
        id: message.id,
        timestamp,
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
      };
      // A quick-reply tap quotes the template it belongs to.
      state.postMessage(chat, {
        context: { from: state.business.displayPhoneNumber, id: action.messageId },
        from: waId,
        id: message.id,
        timestamp,
        type: 'button',
        button: { payload: button.payload, text: button.text },
      });
    }
    chat.messages.push(message);
    chat.lastContactAt = now;
    state.changed(waId);
    return { ok: true, message };
  }

  /** The contact's phone showed the chat: every delivered business message becomes read (later ones when delivered). */
  contactRead(waId: string, phoneNumberId = this.state.business.phoneNumberId): number {
    const chat = this.state.findChat(waId, phoneNumberId);
    if (!chat) return 0;
    let count = 0;
    for (const m of chat.messages) {
      if (m.from !== 'business' || m.state === 'read' || m.state === 'failed') continue;
      count += 1;
      if (m.state === 'delivered') this.state.advance(chat, m, 'read');
      else this.state.readRequested.add(m.id);
    }
    if (count > 0) this.state.changed(waId);
    return count;
  }

  /** Tells `listener` which chat changed (the phone page's live updates). */
  onChange(listener: (waId: string) => void): () => void {
    return this.state.onChange(listener);
  }
}
