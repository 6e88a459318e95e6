import type { Channel } from '@bridgeline/shared';
import type { BusinessNumberRecord } from './people.js';
import type { ContactRecord } from './contacts.js';
import type { OutboundContent } from './messages.js';

/** WhatsApp (and SMS) sending. The Graph API client and the sandbox implement it in whatsapp/. */
export interface OutboundMessage {
  channel: Channel;
  from: BusinessNumberRecord;
  to: ContactRecord;
  messageId: string;
  content: OutboundContent;
}

export type SendOutcome =
  | { ok: true; providerMessageId: string }
  | {
      ok: false;
      kind: 'unreachable' | 'window_closed' | 'retry' | 'permanent';
      code: string;
      title: string;
      details?: string;
      /** For `retry`: how long to wait before the next attempt, when known (rate limits). */
      retryAfterMs?: number;
    };

export type ReadReceiptOutcome = { ok: true } | Extract<SendOutcome, { ok: false }>;

export interface WhatsAppGateway {
  send(message: OutboundMessage): Promise<SendOutcome>;
  /**
   * Tells Meta the business read a contact's message (and so every earlier one): the contact sees blue ticks.
   * Optional: a gateway without it sends no read receipts.
   */
  markRead?(from: BusinessNumberRecord, providerMessageId: string): Promise<ReadReceiptOutcome>;
}

/** One text to a contact's phone from an SMS number (product.md §8: SMS carries text only). */
export interface OutboundSms {
  from: BusinessNumberRecord;
  to: ContactRecord;
  /** Our message id: the provider's repeatability id and delivery-report tag, so a retry never doubles a text. */
  messageId: string;
  text: string;
}

/**
 * SMS sending, by provider: Azure Communication Services (sms/acs/) and the sandbox's simulated phone. A Twilio or
 * Vonage adapter is one more folder implementing this.
 */
export interface SmsGateway {
  send(message: OutboundSms): Promise<SendOutcome>;
}
