import type { SmsClientOptions } from '@azure/communication-sms';

type PipelinePolicy = NonNullable<SmsClientOptions['additionalPolicies']>[number]['policy'];

/** The per-call header that carries our message id to the policy (removed before the request leaves). */
export const REPEATABILITY_HEADER = 'x-bridgeline-message-id';

/**
 * ACS de-duplicates sends by each recipient's `repeatabilityRequestId` and `repeatabilityFirstSent`. The SDK makes up a
 * fresh random pair on every `send()`, so a send we retry after a timeout could go out twice. This policy, placed per
 * call (before the SDK's own retry policy, which re-sends the same body), sets the id to our message id (a UUID, as
 * ACS requires) and the first-sent time to when this process first sent that id: the SDK's retries and ours then name
 * one request.
 */
export function repeatabilityPolicy(firstSent: FirstSentClock = new FirstSentClock()): PipelinePolicy {
  return {
    name: 'bridgelineRepeatability',
    async sendRequest(request, next) {
      const messageId = request.headers.get(REPEATABILITY_HEADER);
      request.headers.delete(REPEATABILITY_HEADER);
      if (messageId && typeof request.body === 'string') {
        const body = JSON.parse(request.body) as {
          smsRecipients?: { repeatabilityRequestId?: string; repeatabilityFirstSent?: string }[];
        };
        for (const r of body.smsRecipients ?? []) {
          r.repeatabilityRequestId = messageId;
          r.repeatabilityFirstSent = firstSent.of(messageId);
        }
        request.body = JSON.stringify(body);
      }
      return next(request);
    },
  };
}

/**
 * When a message id was first sent, as ACS wants it (an HTTP date). Kept for the retries of this process; a retry in
 * another process (after a crash) sends the same id with its own first time, which ACS's repeatability still matches
 * on the id within its window.
 */
export class FirstSentClock {
  private readonly first = new Map<string, string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  of(messageId: string): string {
    let at = this.first.get(messageId);
    if (at === undefined) {
      at = this.now().toUTCString();
      if (this.first.size >= 10_000) this.first.clear();
      this.first.set(messageId, at);
    }
    return at;
  }
}
