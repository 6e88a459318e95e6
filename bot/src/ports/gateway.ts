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
