import type { z } from 'zod';
import type { GraphErrorDetail } from '../graph/graph-errors.js';
import {
  ButtonContentSchema,
  ImageContentSchema,
  InteractiveContentSchema,
  LenientBodySchema,
  LenientChangeSchema,
  LenientEntrySchema,
  LenientMessagesValueSchema,
  ReactionContentSchema,
  TemplateQualityValueSchema,
  TemplateStatusValueSchema,
  TextContentSchema,
  UnsupportedContentSchema,
  WebhookContactSchema,
  WebhookErrorSchema,
  WebhookMessageBaseSchema,
  WebhookStatusSchema,
} from './webhook-payload.schema.js';

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

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface StatusUpdate {
  wamid: string;
  status: DeliveryStatus;
  timestamp: Date;
  recipient: WhatsAppUserRef;
  /** What we put in `biz_opaque_callback_data` when sending: our own message id. */
  bizOpaque: string | null;
  errors: GraphErrorDetail[];
  conversation: { id: string | null; originType: string | null; expiresAt: Date | null } | null;
  pricing: {
    billable: boolean | null;
    model: string | null;
    category: string | null;
    type: string | null;
  } | null;
  raw: Record<string, unknown>;
}

export interface NumberEvents {
  phoneNumberId: string;
  displayPhoneNumber: string;
  /** `entry[].id`: the WhatsApp Business Account. */
  wabaId: string;
  inbound: InboundMessage[];
  statuses: StatusUpdate[];
  contacts: WhatsAppContactInfo[];
  /** `value.errors`: problems Meta reports about the number or app, not tied to a message. */
  errors: GraphErrorDetail[];
  /** Messages and statuses of this number that could not be read: kept raw (inbox state `rejected`), never applied. */
  rejected: RejectedItem[];
}

/** An item of a known shape (a message, a status) that does not match it: kept as Meta sent it, with the reason. */
export interface RejectedItem {
  kind: 'message' | 'status';
  /** Meta's id of the item (wamid), when it has one. */
  id: string | null;
  path: string;
  reason: string;
  raw: unknown;
}

export interface TemplateUpdate {
  wabaId: string;
  templateId: string;
  name: string;
  language: string;
  /** Set for `message_template_status_update` (APPROVED, REJECTED, PAUSED, DISABLED, …). */
  status: string | null;
  reason: string | null;
  /** Set for `message_template_quality_update` (GREEN, YELLOW, RED, UNKNOWN). */
  quality: string | null;
}

/** Something in the body we could not use; one log line each, and the batch is still acknowledged. */
export interface SkippedItem {
  path: string;
  reason: string;
}

export interface WebhookBatch {
  numbers: NumberEvents[];
  templateUpdates: TemplateUpdate[];
  /** Changes of fields we do not handle (account_update, …), by field name. */
  ignoredFields: string[];
  skipped: SkippedItem[];
}

export type ParseWebhookResult =
  ({ ok: true } & WebhookBatch) | { ok: false; reason: 'not_an_object' | 'not_whatsapp'; issues: string[] };

/** Meta's epoch seconds → Date (the window's clock). Null when absurd. */
export function epochSecondsToDate(value: string | number): Date | null {
  const seconds = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(seconds) || seconds <= 0) return null;
  return new Date(seconds * 1000);
}

export function toErrorDetail(error: z.output<typeof WebhookErrorSchema>): GraphErrorDetail {
  const details =
    typeof error.error_data === 'string' ? error.error_data : (error.error_data?.details ?? null);
  return {
    code: Number(error.code),
    title: error.title ?? null,
    message: error.message ?? null,
    details,
    href: error.href ?? null,
  };
}

function parseErrors(value: unknown): GraphErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = WebhookErrorSchema.safeParse(item);
    return parsed.success ? [toErrorDetail(parsed.data)] : [];
  });
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
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

function contactInfo(contact: z.output<typeof WebhookContactSchema>): WhatsAppContactInfo {
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

interface ValueContext {
  path: string;
  skipped: SkippedItem[];
  rejected: RejectedItem[];
}

function reject(ctx: ValueContext, kind: RejectedItem['kind'], raw: unknown, reason: string): null {
  ctx.skipped.push({ path: ctx.path, reason });
  const id = asRecord(raw)['id'];
  ctx.rejected.push({ kind, id: typeof id === 'string' ? id : null, path: ctx.path, reason, raw });
  return null;
}

function parseMessage(
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

function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value);
}

function parseStatus(rawItem: unknown, ctx: ValueContext): StatusUpdate | null {
  const parsed = WebhookStatusSchema.safeParse(rawItem);
  if (!parsed.success) return reject(ctx, 'status', rawItem, `invalid status: ${issuesOf(parsed.error)}`);
  const s = parsed.data;
  if (!isDeliveryStatus(s.status)) {
    // A status Bridgeline has no use for ("played" of a voice note): not broken, just ignored.
    ctx.skipped.push({ path: ctx.path, reason: `status ${s.id}: unhandled status "${s.status}"` });
    return null;
  }
  const timestamp = epochSecondsToDate(s.timestamp);
  if (timestamp === null) return reject(ctx, 'status', rawItem, `status ${s.id}: invalid timestamp`);
  const expires = s.conversation?.expiration_timestamp;
  return {
    wamid: s.id,
    status: s.status,
    timestamp,
    recipient: {
      waId: s.recipient_id ?? null,
      bsuid: s.recipient_user_id ?? null,
      parentBsuid: s.parent_recipient_user_id ?? null,
    },
    bizOpaque: s.biz_opaque_callback_data ?? null,
    errors: (s.errors ?? []).map(toErrorDetail),
    conversation: s.conversation
      ? {
          id: s.conversation.id ?? null,
          originType: s.conversation.origin?.type ?? null,
          expiresAt: expires === undefined ? null : epochSecondsToDate(expires),
        }
      : null,
    pricing: s.pricing
      ? {
          billable: s.pricing.billable ?? null,
          model: s.pricing.pricing_model ?? null,
          category: s.pricing.category ?? null,
          type: s.pricing.type ?? null,
        }
      : null,
    raw: asRecord(rawItem),
  };
}

function parseMessagesValue(
  value: unknown,
  wabaId: string,
  path: string,
  byNumber: Map<string, NumberEvents>,
  skipped: SkippedItem[],
): void {
  const parsed = LenientMessagesValueSchema.safeParse(value);
  if (!parsed.success) {
    skipped.push({ path, reason: `invalid messages value: ${issuesOf(parsed.error)}` });
    return;
  }
  const v = parsed.data;
  const phoneNumberId = v.metadata.phone_number_id;
  let events = byNumber.get(phoneNumberId);
  if (!events) {
    events = {
      phoneNumberId,
      displayPhoneNumber: v.metadata.display_phone_number,
      wabaId,
      inbound: [],
      statuses: [],
      contacts: [],
      errors: [],
      rejected: [],
    };
    byNumber.set(phoneNumberId, events);
  }
  const contacts: WhatsAppContactInfo[] = [];
  (v.contacts ?? []).forEach((item, i) => {
    const contact = WebhookContactSchema.safeParse(item);
    if (contact.success) contacts.push(contactInfo(contact.data));
    else
      skipped.push({ path: `${path}.contacts[${i}]`, reason: `invalid contact: ${issuesOf(contact.error)}` });
  });
  events.contacts.push(...contacts);
  (v.messages ?? []).forEach((item, i) => {
    const message = parseMessage(item, contacts, {
      path: `${path}.messages[${i}]`,
      skipped,
      rejected: events.rejected,
    });
    if (message) events.inbound.push(message);
  });
  (v.statuses ?? []).forEach((item, i) => {
    const status = parseStatus(item, {
      path: `${path}.statuses[${i}]`,
      skipped,
      rejected: events.rejected,
    });
    if (status) events.statuses.push(status);
  });
  events.errors.push(...parseErrors(v.errors));
}

function parseTemplateChange(field: string, value: unknown, wabaId: string): TemplateUpdate | string {
  if (field === 'message_template_status_update') {
    const parsed = TemplateStatusValueSchema.safeParse(value);
    if (!parsed.success) return issuesOf(parsed.error);
    const t = parsed.data;
    return {
      wabaId,
      templateId: String(t.message_template_id),
      name: t.message_template_name,
      language: t.message_template_language,
      status: t.event,
      reason: t.reason ?? null,
      quality: null,
    };
  }
  const parsed = TemplateQualityValueSchema.safeParse(value);
  if (!parsed.success) return issuesOf(parsed.error);
  const t = parsed.data;
  return {
    wabaId,
    templateId: String(t.message_template_id),
    name: t.message_template_name,
    language: t.message_template_language,
    status: null,
    reason: null,
    quality: t.new_quality_score,
  };
}

/**
 * Turns a verified webhook body into plain project events, grouped by business number (`phone_number_id`), in the
 * order Meta sent them. Only a body that is not a WhatsApp Business Account webhook at all fails; everything else is
 * parsed item by item and what cannot be used is listed in `skipped`.
 */
export function parseWebhook(body: unknown): ParseWebhookResult {
  const envelope = LenientBodySchema.safeParse(body);
  if (!envelope.success) return { ok: false, reason: 'not_an_object', issues: [issuesOf(envelope.error)] };
  if (envelope.data.object !== 'whatsapp_business_account') {
    return { ok: false, reason: 'not_whatsapp', issues: [`object is "${envelope.data.object}"`] };
  }

  const byNumber = new Map<string, NumberEvents>();
  const templateUpdates: TemplateUpdate[] = [];
  const ignoredFields: string[] = [];
  const skipped: SkippedItem[] = [];

  envelope.data.entry.forEach((rawEntry, e) => {
    const entry = LenientEntrySchema.safeParse(rawEntry);
    if (!entry.success) {
      skipped.push({ path: `entry[${e}]`, reason: `invalid entry: ${issuesOf(entry.error)}` });
      return;
    }
    const wabaId = entry.data.id;
    entry.data.changes.forEach((rawChange, c) => {
      const path = `entry[${e}].changes[${c}]`;
      const change = LenientChangeSchema.safeParse(rawChange);
      if (!change.success) {
        skipped.push({ path, reason: `invalid change: ${issuesOf(change.error)}` });
        return;
      }
      const { field, value } = change.data;
      if (field === 'messages') {
        parseMessagesValue(value, wabaId, `${path}.value`, byNumber, skipped);
      } else if (field === 'message_template_status_update' || field === 'message_template_quality_update') {
        const update = parseTemplateChange(field, value, wabaId);
        if (typeof update === 'string') skipped.push({ path, reason: `invalid ${field}: ${update}` });
        else templateUpdates.push(update);
      } else {
        ignoredFields.push(field);
      }
    });
  });

  return { ok: true, numbers: [...byNumber.values()], templateUpdates, ignoredFields, skipped };
}
