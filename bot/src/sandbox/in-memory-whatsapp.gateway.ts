import { randomUUID } from 'node:crypto';
import type {
  BusinessNumberRecord,
  OutboundMessage,
  ReadReceiptOutcome,
  SendOutcome,
  WhatsAppGateway,
} from '../ports/index.js';

/**
 * A WhatsApp gateway that keeps what it is asked to send, in memory. Tests read `sent`; a rule can make the next sends
 * fail the way Meta's API does (unreachable number, closed window, throttling).
 */
export class InMemoryWhatsAppGateway implements WhatsAppGateway {
  readonly sent: (OutboundMessage & { providerMessageId: string })[] = [];
  /** The wamids marked read, in order, with the business number they were marked from. */
  readonly readReceipts: { phoneNumberId: string; providerMessageId: string }[] = [];
  /** Answers read receipts instead of accepting them (tests of a failing or slow Meta). */
  readReceiptAnswer: (() => Promise<ReadReceiptOutcome>) | null = null;
  private failures: ((m: OutboundMessage) => SendOutcome | null)[] = [];

  private waits: ((m: OutboundMessage) => Promise<void> | null)[] = [];

  failWhen(rule: (m: OutboundMessage) => SendOutcome | null): void {
    this.failures.push(rule);
  }

  /** Makes matching sends wait for the returned promise, as a slow or hanging Meta would (tests only). */
  waitWhen(rule: (m: OutboundMessage) => Promise<void> | null): void {
    this.waits.push(rule);
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    for (const rule of this.waits) await rule(message);
    for (const rule of this.failures) {
      const outcome = rule(message);
      if (outcome) return outcome;
    }
    const providerMessageId = `wamid.${randomUUID().replace(/-/g, '')}`;
    this.sent.push({ ...message, providerMessageId });
    return { ok: true, providerMessageId };
  }

  async markRead(from: BusinessNumberRecord, providerMessageId: string): Promise<ReadReceiptOutcome> {
    this.readReceipts.push({ phoneNumberId: from.providerNumberId, providerMessageId });
    return this.readReceiptAnswer ? this.readReceiptAnswer() : { ok: true };
  }
}
