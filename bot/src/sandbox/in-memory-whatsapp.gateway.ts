import { randomUUID } from 'node:crypto';
import type { OutboundMessage, SendOutcome, WhatsAppGateway } from '../ports.js';

/**
 * A WhatsApp gateway that keeps what it is asked to send, in memory. Tests read `sent`; a rule can make the next sends
 * fail the way Meta's API does (unreachable number, closed window, throttling).
 */
export class InMemoryWhatsAppGateway implements WhatsAppGateway {
  readonly sent: (OutboundMessage & { providerMessageId: string })[] = [];
  private failures: ((m: OutboundMessage) => SendOutcome | null)[] = [];

  failWhen(rule: (m: OutboundMessage) => SendOutcome | null): void {
    this.failures.push(rule);
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    for (const rule of this.failures) {
      const outcome = rule(message);
      if (outcome) return outcome;
    }
    const providerMessageId = `wamid.${randomUUID().replace(/-/g, '')}`;
    this.sent.push({ ...message, providerMessageId });
    return { ok: true, providerMessageId };
  }
}
