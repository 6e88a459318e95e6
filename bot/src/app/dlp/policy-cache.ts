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

export async function dlpPolicyOf(
  store: Pick<Store, 'dlpRules'>,
  tenantId: string,
): Promise<TenantDlpPolicy> {
  const version = await store.dlpRules.version(tenantId);
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
