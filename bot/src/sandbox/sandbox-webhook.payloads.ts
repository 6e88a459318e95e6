import type {
  WebhookBody,
  WebhookContact,
  WebhookMessage,
  WebhookStatus,
} from '../whatsapp/webhook/webhook-payload.schema.js';
import type { WebhookErrorItem } from './sandbox-graph-errors.js';

/**
 * Pure builders of the webhook bodies the simulated Cloud API posts, shaped like Meta's (Graph v23.0): one entry per
 * WABA, one `messages` change, `metadata` of the business number, `contacts[]` of the WhatsApp user.
 */

export interface BusinessRef {
  wabaId: string;
  phoneNumberId: string;
  /** Digits only, as Meta writes `display_phone_number`. */
  displayPhoneNumber: string;
}

export interface ContactRef {
  waId: string;
  profileName: string;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export function epochSeconds(at: Date): string {
  return String(Math.floor(at.getTime() / 1000));
}

function envelope(business: BusinessRef, value: Record<string, unknown>): WebhookBody {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: business.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: business.displayPhoneNumber,
                phone_number_id: business.phoneNumberId,
              },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

function contactOf(contact: ContactRef): WebhookContact {
  return { profile: { name: contact.profileName }, wa_id: contact.waId };
}

/** One message from the contact (text, image, button, reaction, …) with its `contacts[]` entry. */
export function messageWebhook(
  business: BusinessRef,
  contact: ContactRef,
  message: WebhookMessage,
): WebhookBody {
  return envelope(business, { contacts: [contactOf(contact)], messages: [message] });
}

export interface StatusInput {
  wamid: string;
  status: DeliveryStatus;
  at: Date;
  bizOpaque: string | null;
  /** Free-form inside the contact's window is a service conversation; templates open a utility one. */
  category: 'service' | 'utility';
  conversationId: string;
  /** When the conversation (24 h from its first message) expires. */
  conversationExpiresAt: Date;
  errors?: WebhookErrorItem[];
}

/** One status of one business message, as Meta posts it (conversation and pricing on sent and delivered only). */
export function statusWebhook(business: BusinessRef, contact: ContactRef, input: StatusInput): WebhookBody {
  const status: WebhookStatus = {
    id: input.wamid,
    status: input.status,
    timestamp: epochSeconds(input.at),
    recipient_id: contact.waId,
    ...(input.bizOpaque !== null ? { biz_opaque_callback_data: input.bizOpaque } : {}),
    ...(input.status === 'sent' || input.status === 'delivered'
      ? {
          conversation: {
            id: input.conversationId,
            expiration_timestamp: epochSeconds(input.conversationExpiresAt),
            origin: { type: input.category },
          },
          pricing: {
            billable: input.category !== 'service',
            pricing_model: 'PMP',
            type: input.category === 'service' ? 'free_customer_service' : 'regular',
            category: input.category,
          },
        }
      : {}),
    ...(input.errors !== undefined ? { errors: input.errors } : {}),
  };
  return envelope(business, { contacts: [contactOf(contact)], statuses: [status] });
}
