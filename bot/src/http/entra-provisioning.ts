import type { Region } from '@bridgeline/shared';
import { PG, pgCode } from '../db/sql.js';
import type { MemberRecord, Store, UnitOfWork } from '../ports/index.js';

/** Who a verified Teams SSO token says the caller is. Ids are lower-cased GUIDs. */
export interface EntraIdentity {
  aadTenantId: string;
  aadObjectId: string;
  email: string;
  displayName: string;
}

export type SignInOutcome = { ok: true; member: MemberRecord } | { ok: false; detail: string };
export type EntraSignIn = (identity: EntraIdentity) => Promise<SignInOutcome>;

export interface ProvisioningPolicy {
  /** Single-tenant app: its tenant is created on the first sign-in. Null: only tenants that already exist. */
  singleTenantId: string | null;
  /** Region of members provisioned on sign-in (an admin changes it). */
  defaultRegion: Region;
  /** The default WhatsApp number, registered for a tenant created on first sign-in when no tenant has it yet. */
  defaultNumber: { providerNumberId: string; displayPhone: string; wabaId: string; region: Region } | null;
}

type Query = <T>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * Find or provision the member behind a token (docs/tab.md "Sign-in"):
 * - a known (tenant, object id) signs in as that member;
 * - a member an admin added by email, with no object id yet, is linked to the account on first sign-in;
 * - anyone else of a known tenant is created NOT enabled, in the default region, until an admin enables them;
 * - the first sign-in of the single tenant creates the tenant and makes that person its first admin, enabled.
 * Concurrent first sign-ins are settled by the unique keys (tenant aad id, member email and object id): the loser
 * retries and finds what the winner wrote.
 */
export function entraSignIn(
  uow: Pick<UnitOfWork, 'run'>,
  query: Query,
  policy: ProvisioningPolicy,
): EntraSignIn {
  const attempt = async (who: EntraIdentity): Promise<SignInOutcome> => {
    const [row] = await query<{ tenant_id: string; member_id: string | null }>(
      `SELECT t.id AS tenant_id, m.id AS member_id
         FROM tenants t LEFT JOIN members m ON m.tenant_id = t.id AND lower(m.aad_object_id) = $2
        WHERE lower(t.aad_tenant_id) = $1`,
      [who.aadTenantId, who.aadObjectId],
    );
    if (row?.member_id) {
      const memberId = row.member_id;
      const member = await uow.run((store) => store.members.byId(row.tenant_id, memberId));
      if (member) return { ok: true, member };
    }
    if (row) return uow.run((store) => joinTenant(store, row.tenant_id, who, policy));
    if (policy.singleTenantId?.toLowerCase() !== who.aadTenantId) {
      return {
        ok: false,
        detail: 'Your organisation has not set up Bridgeline yet: ask your Teams administrator.',
      };
    }
    return uow.run((store) => createTenant(store, who, policy));
  };
  return async (who) => {
    try {
      return await attempt(who);
    } catch (error) {
      // Someone else's first sign-in won the race for the same tenant or member: read what they wrote.
      if (pgCode(error) === PG.uniqueViolation) return attempt(who);
      throw error;
    }
  };
}

async function joinTenant(
  store: Store,
  tenantId: string,
  who: EntraIdentity,
  policy: ProvisioningPolicy,
): Promise<SignInOutcome> {
  const byEmail = await store.members.byEmail(tenantId, who.email);
  if (byEmail) {
    if (byEmail.aadObjectId && byEmail.aadObjectId.toLowerCase() !== who.aadObjectId) {
      return {
        ok: false,
        detail: `Another account already signs in as ${who.email}: ask your Bridgeline admin.`,
      };
    }
    const linked = await store.members.update(tenantId, byEmail.id, { aadObjectId: who.aadObjectId });
    return linked ? { ok: true, member: linked } : { ok: false, detail: 'Your member record vanished.' };
  }
  const member = await store.members.create({
    tenantId,
    email: who.email,
    displayName: who.displayName,
    aadObjectId: who.aadObjectId,
    region: policy.defaultRegion,
    enabled: false,
    isAdmin: false,
    smsNumber: null,
  });
  return { ok: true, member };
}

async function createTenant(
  store: Store,
  who: EntraIdentity,
  policy: ProvisioningPolicy,
): Promise<SignInOutcome> {
  const domain = who.email.includes('@') ? who.email.split('@').pop() : undefined;
  const tenant = await store.tenants.create({
    name: domain ?? who.aadTenantId,
    aadTenantId: who.aadTenantId,
  });
  const member = await store.members.create({
    tenantId: tenant.id,
    email: who.email,
    displayName: who.displayName,
    aadObjectId: who.aadObjectId,
    region: policy.defaultRegion,
    enabled: true,
    isAdmin: true,
    smsNumber: null,
  });
  const number = policy.defaultNumber;
  if (number && !(await store.numbers.byProviderId('whatsapp', number.providerNumberId))) {
    await store.numbers.create({ tenantId: tenant.id, channel: 'whatsapp', ...number });
  }
  return { ok: true, member };
}
