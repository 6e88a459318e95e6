import type { z } from 'zod';
import type { GraphErrorDetail } from '../graph/graph-errors.js';
import type { WebhookContactSchema } from './webhook-payload.schema.js';
import {
  ButtonContentSchema,
  ImageContentSchema,
  InteractiveContentSchema,
  ReactionContentSchema,
  TextContentSchema,
  UnsupportedContentSchema,
  WebhookMessageBaseSchema,
} from './webhook-payload.schema.js';
import {
  asRecord,
  epochSecondsToDate,
  issuesOf,
  parseErrors,
  reject,
  type ValueContext,
} from './webhook-parse-support.js';

/** How a WhatsApp user is identified: by phone (`wa_id`), by business-scoped user id, or both. */
export interface WhatsAppUserRef {
  waId: string | null;
  bsuid: string | null;
  parentBsuid: string | null;
}

export interface WhatsAppContactInfo extends WhatsAppUserRef {
  profileName: string | null;
  username: string | null;
}

export interface MessageContext {
  /** The wamid of the message the contact replied to (or of the template whose button they tapped). */
  quotedWamid: string | null;
  quotedFrom: string | null;
  forwarded: boolean;
  frequentlyForwarded: boolean;
}

export type InboundContent =
  | { type: 'text'; body: string }
  | {
      type: 'image';
      mediaId: string;
      mimeType: string | null;
      sha256: string | null;
      caption: string | null;
      url: string | null;
    }
  /** A template quick-reply tap: match on `payload` (what we set), not on the visible text. */
  | { type: 'button'; payload: string | null; text: string }
  | {
      type: 'interactive';
      kind: 'button_reply' | 'list_reply';
      replyId: string;
      title: string;
      description: string | null;
    }
  /** `emoji` null: the contact removed their reaction. */
  | { type: 'reaction'; reactedWamid: string; emoji: string | null }
  /** Anything else (location, order, audio, unknown types): stored and shown as unsupported, never dropped. */
  | { type: 'unsupported'; originalType: string; errors: GraphErrorDetail[] };

export interface InboundMessage {
  wamid: string;
  from: WhatsAppUserRef;
  /** The matching `contacts[]` entry, when Meta sent one. */
  contact: WhatsAppContactInfo | null;
  /** Meta's timestamp (epoch seconds): what the 24-hour window counts from, not our receipt time. */
  timestamp: Date;
  context: MessageContext | null;
  content: InboundContent;
  /** The message object exactly as parsed from the body, for storage. */
  raw: Record<string, unknown>;
}

function contentOf(
  message: z.output<typeof WebhookMessageBaseSchema>,
  raw: Record<string, unknown>,
): InboundContent {
  const unsupported = (): InboundContent => {
    const detail = UnsupportedContentSchema.safeParse(raw['unsupported']);
    const originalType =
      message.type === 'unsupported' && detail.success && detail.data.type ? detail.data.type : message.type;
    return { type: 'unsupported', originalType, errors: parseErrors(message.errors) };
  };
  // A known type whose content does not match Meta's shape is kept as unsupported rather than rejected.
  switch (message.type) {
    case 'text': {
      const text = TextContentSchema.safeParse(raw['text']);
      return text.success ? { type: 'text', body: text.data.body } : unsupported();
    }
    case 'image': {
      const image = ImageContentSchema.safeParse(raw['image']);
      if (!image.success) return unsupported();
      return {
        type: 'image',
        mediaId: image.data.id,
        mimeType: image.data.mime_type ?? null,
        sha256: image.data.sha256 ?? null,
        caption: image.data.caption ?? null,
        url: image.data.url ?? null,
      };
    }
    case 'button': {
      const button = ButtonContentSchema.safeParse(raw['button']);
      return button.success
        ? { type: 'button', payload: button.data.payload ?? null, text: button.data.text }
        : unsupported();
    }
    case 'interactive': {
      const interactive = InteractiveContentSchema.safeParse(raw['interactive']);
      if (!interactive.success) return unsupported();
      const data = interactive.data;
      return data.type === 'button_reply'
        ? {
            type: 'interactive',
            kind: 'button_reply',
            replyId: data.button_reply.id,
            title: data.button_reply.title,
            description: null,
          }
        : {
            type: 'interactive',
            kind: 'list_reply',
            replyId: data.list_reply.id,
            title: data.list_reply.title,
            description: data.list_reply.description ?? null,
          };
    }
    case 'reaction': {
      const reaction = ReactionContentSchema.safeParse(raw['reaction']);
      if (!reaction.success) return unsupported();
      const emoji = reaction.data.emoji;
      return { type: 'reaction', reactedWamid: reaction.data.message_id, emoji: emoji ? emoji : null };
    }
    default:
      return unsupported();
  }
}

export function contactInfo(contact: z.output<typeof WebhookContactSchema>): WhatsAppContactInfo {
  return {
    waId: contact.wa_id ?? null,
    bsuid: contact.user_id ?? null,
    parentBsuid: contact.parent_user_id ?? null,
    profileName: contact.profile?.name ?? null,
    username: contact.profile?.username ?? null,
  };
}

function findContact(contacts: WhatsAppContactInfo[], ref: WhatsAppUserRef): WhatsAppContactInfo | null {
  return (
    contacts.find(
      (c) => (ref.bsuid !== null && c.bsuid === ref.bsuid) || (ref.waId !== null && c.waId === ref.waId),
    ) ?? null
  );
}

/** One `messages[]` item → an inbound message, or null when it cannot be read (then rejected: kept raw, with why). */
export function parseMessage(
  rawItem: unknown,
  contacts: WhatsAppContactInfo[],
  ctx: ValueContext,
): InboundMessage | null {
  const parsed = WebhookMessageBaseSchema.safeParse(rawItem);
  if (!parsed.success) return reject(ctx, 'message', rawItem, `invalid message: ${issuesOf(parsed.error)}`);
  const message = parsed.data;
  const timestamp = epochSecondsToDate(message.timestamp);
  if (timestamp === null) return reject(ctx, 'message', rawItem, `message ${message.id}: invalid timestamp`);
  const from: WhatsAppUserRef = {
    waId: message.from ?? null,
    bsuid: message.from_user_id ?? null,
    parentBsuid: message.from_parent_user_id ?? null,
  };
  const contact = findContact(contacts, from);
  // With usernames, `from` may be withheld; the contacts[] entry can still carry the business-scoped id.
  if (from.bsuid === null && contact?.bsuid) from.bsuid = contact.bsuid;
  if (from.parentBsuid === null && contact?.parentBsuid) from.parentBsuid = contact.parentBsuid;
  if (from.waId === null && contact?.waId) from.waId = contact.waId;
  if (from.waId === null && from.bsuid === null)
    return reject(ctx, 'message', rawItem, `message ${message.id}: no sender id`);
  const raw = asRecord(rawItem);
  const context = message.context
    ? {
        quotedWamid: message.context.id ?? null,
        quotedFrom: message.context.from ?? null,
        forwarded: message.context.forwarded === true,
        frequentlyForwarded: message.context.frequently_forwarded === true,
      }
    : null;
  return { wamid: message.id, from, contact, timestamp, context, content: contentOf(message, raw), raw };
}
