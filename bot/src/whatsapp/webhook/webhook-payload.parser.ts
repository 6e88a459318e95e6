import type { GraphErrorDetail } from '../graph/graph-errors.js';
import {
  LenientBodySchema,
  LenientChangeSchema,
  LenientEntrySchema,
  LenientMessagesValueSchema,
  WebhookContactSchema,
} from './webhook-payload.schema.js';
import {
  contactInfo,
  parseMessage,
  type InboundMessage,
  type WhatsAppContactInfo,
} from './webhook-message.parser.js';
import { issuesOf, parseErrors, type RejectedItem, type SkippedItem } from './webhook-parse-support.js';
import { parseStatus, type StatusUpdate } from './webhook-status.parser.js';
import { parseTemplateChange, type TemplateUpdate } from './webhook-template.parser.js';
import { parseAccountChange, type AccountHealthUpdate } from './webhook-account.parser.js';

export type {
  InboundContent,
  InboundMessage,
  MessageContext,
  WhatsAppContactInfo,
  WhatsAppUserRef,
} from './webhook-message.parser.js';
export { DELIVERY_STATUSES, type DeliveryStatus, type StatusUpdate } from './webhook-status.parser.js';
export type { TemplateUpdate } from './webhook-template.parser.js';
export type { AccountHealthUpdate } from './webhook-account.parser.js';
export {
  epochSecondsToDate,
  toErrorDetail,
  type RejectedItem,
  type SkippedItem,
} from './webhook-parse-support.js';

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

export interface WebhookBatch {
  numbers: NumberEvents[];
  templateUpdates: TemplateUpdate[];
  /** `phone_number_quality_update` and `account_update` changes. */
  accountUpdates: AccountHealthUpdate[];
  /** Changes of fields we do not handle (business_capability_update, …), by field name. */
  ignoredFields: string[];
  /**
   * Account-level changes that were not applied: of a field we do not handle, or of one we do that could not be read.
   * The body is kept raw for the WABA's tenants and the item reported (logged), never failing its siblings.
   */
  unapplied: { wabaId: string; field: string; path: string; reason: string }[];
  skipped: SkippedItem[];
}

export type ParseWebhookResult =
  ({ ok: true } & WebhookBatch) | { ok: false; reason: 'not_an_object' | 'not_whatsapp'; issues: string[] };

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
  const accountUpdates: AccountHealthUpdate[] = [];
  const ignoredFields: string[] = [];
  const unapplied: WebhookBatch['unapplied'] = [];
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
        if (typeof update === 'string') {
          skipped.push({ path, reason: `invalid ${field}: ${update}` });
          unapplied.push({ wabaId, field, path, reason: update });
        } else templateUpdates.push(update);
      } else if (field === 'phone_number_quality_update' || field === 'account_update') {
        const update = parseAccountChange(field, value, wabaId);
        if (typeof update === 'string') {
          skipped.push({ path, reason: `invalid ${field}: ${update}` });
          unapplied.push({ wabaId, field, path, reason: update });
        } else accountUpdates.push(update);
      } else {
        ignoredFields.push(field);
        unapplied.push({ wabaId, field, path, reason: `field "${field}" is not handled` });
      }
    });
  });

  return {
    ok: true,
    numbers: [...byNumber.values()],
    templateUpdates,
    accountUpdates,
    ignoredFields,
    unapplied,
    skipped,
  };
}
