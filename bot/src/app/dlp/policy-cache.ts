import { compileDlpPolicy, type DlpPolicy } from '../../domain/dlp/index.js';
import type { Store } from '../../ports/index.js';

/**
 * A tenant's compiled DLP policy, kept in this process and compiled again only when the tenant's policy token moved
 * (every change of its rules moves it, in any process): one indexed read per check instead of reading and compiling
 * every rule. `version` is the token the policy was compiled at (null: the tenant never had a rule).
 */
export interface TenantDlpPolicy {
  version: string | null;
  outbound: DlpPolicy;
  inbound: DlpPolicy;
}

const EMPTY: TenantDlpPolicy = {
  version: null,
  outbound: compileDlpPolicy([]),
  inbound: compileDlpPolicy([]),
};
/** Tenants kept at most; the least recently compiled one goes first. */
const MAX_TENANTS = 1000;
const cache = new Map<string, TenantDlpPolicy>();

/**
 * `known`: the token as the caller's own statement already read it (the inbox page's query carries it), so no read
 * of its own; unset: read now. Sends and checks always pass a fresh token (or none): what leaves obeys the rules as
 * they are at that moment.
 */
export async function dlpPolicyOf(
  store: Pick<Store, 'dlpRules'>,
  tenantId: string,
  known?: string | null,
): Promise<TenantDlpPolicy> {
  const version = known !== undefined ? known : await store.dlpRules.version(tenantId);
  if (version === null) return EMPTY;
  const cached = cache.get(tenantId);
  if (cached && cached.version === version) return cached;
  const rules = await store.dlpRules.list(tenantId);
  const policy: TenantDlpPolicy = {
    version,
    outbound: compileDlpPolicy(rules, 'out'),
    inbound: compileDlpPolicy(rules, 'in'),
  };
  cache.delete(tenantId);
  cache.set(tenantId, policy);
  if (cache.size > MAX_TENANTS) cache.delete(cache.keys().next().value!);
  return policy;
}

/**
 * For display only (inbound text redacted on screen), the token may be a little old: kept per tenant for
 * `DISPLAY_TOKEN_TTL_MS`, so a page whose own query does not carry the token (a thread's messages) makes no extra
 * read. A rule change made in this process forgets it at once (`forgetDlpToken`); one made in another process shows
 * here within the TTL. Bounded like the policies.
 */
export const DISPLAY_TOKEN_TTL_MS = 2_000;
const tokens = new Map<string, { version: string | null; until: number }>();

export async function displayTokenOf(
  store: Pick<Store, 'dlpRules'>,
  tenantId: string,
  now: number = Date.now(),
): Promise<string | null> {
  const kept = tokens.get(tenantId);
  if (kept && kept.until > now) return kept.version;
  const version = await store.dlpRules.version(tenantId);
  tokens.delete(tenantId);
  tokens.set(tenantId, { version, until: now + DISPLAY_TOKEN_TTL_MS });
  if (tokens.size > MAX_TENANTS) tokens.delete(tokens.keys().next().value!);
  return version;
}

/** After a change of the tenant's rules in this process: the next display reads the token again. */
export function forgetDlpToken(tenantId: string): void {
  tokens.delete(tenantId);
}
