import type {
  BusinessNumberRecord,
  Clock,
  OutboundMessage,
  ReadReceiptOutcome,
  SendOutcome,
  WhatsAppGateway,
} from '../../ports/index.js';
import type { RateDecision, RateRule } from '../../domain/rate-limit.js';
import type { WhatsAppUnitOfWork } from '../webhook/webhook-inbox.port.js';

export interface RateLimits {
  /** Per business number (Meta's throughput, 80 messages/s by default). */
  number: RateRule;
  /** Per (business number, contact): about one message every 6 s with a small burst, so groups never trip 131056. */
  contact: RateRule;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * Sends only when both token buckets (PostgreSQL rows, shared by every worker process) have a token. A short wait
 * for the number's bucket is slept here; a longer one comes back as a `retry` with `retryAfterMs`, and deliver-pair
 * puts the message back in the queue with a deferred job. Rates are about real throughput: wall-clock time, not the
 * application's (test) clock.
 */
export class RateLimitedGateway implements WhatsAppGateway {
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxInlineWaitMs: number;

  constructor(
    private readonly inner: WhatsAppGateway,
    private readonly uow: WhatsAppUnitOfWork,
    private readonly limits: RateLimits,
    options: { clock?: Clock; sleep?: (ms: number) => Promise<void>; maxInlineWaitMs?: number } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxInlineWaitMs = options.maxInlineWaitMs ?? 1_000;
  }

  async send(message: OutboundMessage): Promise<SendOutcome> {
    const tenantId = message.from.tenantId;
    const contactKey = `contact:${message.from.id}:${message.to.id}`;
    const numberKey = `number:${message.from.id}`;
    // Both buckets in one transaction, always the contact's row first, then the number's (one lock order).
    const first = await this.uow.run(async (store) => {
      const contact = await store.rateLimits.take(
        tenantId,
        contactKey,
        this.limits.contact,
        this.clock.now(),
      );
      if (!contact.allowed) return { contact, number: null };
      const number = await store.rateLimits.take(tenantId, numberKey, this.limits.number, this.clock.now());
      return { contact, number };
    });
    if (!first.contact.allowed) return throttled('contact', first.contact.waitMs);
    let number = first.number!;
    for (;;) {
      if (number.allowed) return this.inner.send(message);
      if (number.waitMs > this.maxInlineWaitMs) return throttled('number', number.waitMs);
      await this.sleep(number.waitMs);
      number = await this.take(tenantId, numberKey, this.limits.number);
    }
  }

  /** Read receipts are not messages: Meta's throughput and the contact's pacing do not apply. */
  markRead(from: BusinessNumberRecord, providerMessageId: string): Promise<ReadReceiptOutcome> {
    if (!this.inner.markRead) return Promise.resolve(unsupported);
    return this.inner.markRead(from, providerMessageId);
  }

  private take(tenantId: string, key: string, rule: RateRule): Promise<RateDecision> {
    return this.uow.run((store) => store.rateLimits.take(tenantId, key, rule, this.clock.now()));
  }
}

function throttled(scope: 'contact' | 'number', waitMs: number): SendOutcome {
  return {
    ok: false,
    kind: 'retry',
    code: 'rate_limited',
    title:
      scope === 'contact' ? 'Sending to this contact is paced' : 'The business number is at its send rate',
    retryAfterMs: waitMs,
  };
}

const unsupported: ReadReceiptOutcome = {
  ok: false,
  kind: 'permanent',
  code: 'unsupported',
  title: 'This gateway sends no read receipts',
};
