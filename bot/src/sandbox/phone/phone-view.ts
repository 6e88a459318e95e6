import { DAY_MS, type Chat, type ChatMessage } from '../sandbox-state.js';
import type { PhoneFace } from './phone-face.js';

/** How the phone page sees chats: the JSON of `/sandbox/phone/state` and `/sandbox/phone/chats/{wa_id}`. */

export function presentMessage(chat: Chat, m: ChatMessage) {
  const quoted = m.replyTo === null ? null : (chat.messages.find((q) => q.id === m.replyTo) ?? null);
  return {
    id: m.id,
    from: m.from,
    type: m.type,
    text: m.text,
    imageUrl: m.mediaId === null ? null : `/sandbox/phone/media/${encodeURIComponent(m.mediaId)}`,
    template: m.template,
    replyTo:
      quoted === null
        ? null
        : {
            id: quoted.id,
            from: quoted.from,
            text: quoted.text ?? quoted.template?.body ?? (quoted.type === 'image' ? 'Photo' : ''),
          },
    at: new Date(m.at).toISOString(),
    state: m.state,
    reaction: m.contactReaction,
  };
}

export function presentChat(phone: PhoneFace, chat: Chat, now: number) {
  const closesAt = chat.lastContactAt === null ? null : chat.lastContactAt + DAY_MS;
  return {
    waId: chat.waId,
    phoneNumberId: chat.phoneNumberId,
    name: phone.profileName(chat.waId),
    now: new Date(now).toISOString(),
    window: {
      open: closesAt !== null && now < closesAt,
      closesAt: closesAt === null ? null : new Date(closesAt).toISOString(),
    },
    messages: chat.messages.map((m) => presentMessage(chat, m)),
  };
}

/** One line of the chat list: the last message and how many business messages are unread. */
export function chatSummary(phone: PhoneFace, chat: Chat) {
  const last = chat.messages.at(-1) ?? null;
  return {
    waId: chat.waId,
    phoneNumberId: chat.phoneNumberId,
    name: phone.profileName(chat.waId),
    last:
      last === null
        ? null
        : {
            from: last.from,
            text: last.text ?? last.template?.body ?? (last.type === 'image' ? 'Photo' : ''),
            at: new Date(last.at).toISOString(),
          },
    unread: chat.messages.filter((m) => m.from === 'business' && m.state !== 'read' && m.state !== 'failed')
      .length,
  };
}
