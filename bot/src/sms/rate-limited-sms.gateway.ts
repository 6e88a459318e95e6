import type { OutboundSms, SendOutcome, SmsGateway } from '../ports/index.js';
import type { RateDecision, RateRule } from '../domain/rate-limit.js';

/** Takes one token of a bucket shared by every process (the WhatsApp adapter's rate-limit rows). */
export type TakeToken = (tenantId: string, key: string, rule: RateRule) => Promise<RateDecision>;

/**
 * Per-number send rate of SMS (ACS: a toll-free number sends a few messages a second, a 10DLC campaign what its
 * registration allows): a send without a token comes back as `retry` with the wait, and the pair's drain is deferred
 * like WhatsApp's (deliver-pair), in order.
 */
export class RateLimitedSmsGateway implements SmsGateway {
  constructor(
    private readonly inner: SmsGateway,
    private readonly take: TakeToken,
    private readonly rule: RateRule,
  ) {}

  async send(message: OutboundSms): Promise<SendOutcome> {
    const decision = await this.take(message.from.tenantId, `sms-number:${message.from.id}`, this.rule);
    if (!decision.allowed)
      return {
        ok: false,
        kind: 'retry',
        code: 'rate_limited',
        title: 'The SMS number is at its send rate',
        retryAfterMs: decision.waitMs,
      };
    return this.inner.send(message);
  }
}
