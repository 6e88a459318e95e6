import type { RateDecision, RateRule } from '../../domain/rate-limit.js';

export interface RateLimitsPort {
  /** Takes one token of the bucket under a row lock, shared by every process; answers the wait when refused. */
  take(tenantId: string, key: string, rule: RateRule, now: Date): Promise<RateDecision>;
}
