import type { Region } from '@bridgeline/shared';
import { DuplicateKey, type MemberRecord, type Store, type UnitOfWork } from '../ports/index.js';

/** Who a verified Teams SSO token says the caller is (its `tid`, `oid`, user name and name claims). */
export interface EntraIdentity {
  aadTenantId: string;
  aadObjectId: string;
  email: string;
  displayName: string;
}

export type SignInOutcome = { ok: true; member: MemberRecord } | { ok: false; detail: string };

export interface ProvisioningPolicy {
  /** Single-tenant app: its tenant is created on the first sign-in. Null: only tenants that already exist. */
  singleTenantId: string | null;
  /** Region of members provisioned on sign-in (an admin changes it). */
  defaultRegion: Region;
  /** The default WhatsApp number, registered for a tenant created on first sign-in when no tenant has it yet. */
  defaultNumber: { providerNumberId: string; displayPhone: string; wabaId: string; region: Region } | null;
}

/** The parts of the store sign-in touches. */
export type SignInStore = Pick<Store, 'tenants' | 'members' | 'numbers'>;

/**
 * Finds or provisions the member behind a verified token (docs/tab.md "Sign-in"):
 * - a known (tenant, object id) signs in as that member, enabled or not;
 * - a member an admin added by email, with no object id yet, is linked to the account on first sign-in;
 * - anyone else of a known tenant is created NOT enabled, in the default region, until an admin enables them;
 * - the first sign-in of the single tenant creates the tenant and makes that person its first admin, enabled;
 * - an unknown tenant that is not the single tenant is refused, and nothing is written.
 * Entra ids are GUIDs, compared and stored lower-cased. Concurrent first sign-ins are settled by the store's unique
 * keys (tenant Entra id, member email and object id): the loser's write is refused (`DuplicateKey`), and it signs in
 * again, finding what the winner wrote.
 */
export async function signIn(
  uow: UnitOfWork<SignInStore>,
  policy: ProvisioningPolicy,
  identity: EntraIdentity,
): Promise<SignInOutcome> {
  const who = {
    ...identity,
    aadTenantId: identity.aadTenantId.toLowerCase(),
    aadObjectId: identity.aadObjectId.toLowerCase(),
  };
  try {
    return await attempt(uow, policy, who);
  } catch (error) {
    if (error instanceof DuplicateKey) return attempt(uow, policy, who);
    throw error;
  }
}

async function attempt(
  uow: UnitOfWork<SignInStore>,
  policy: ProvisioningPolicy,
  who: EntraIdentity,
): Promise<SignInOutcome> {
  // Every request of a signed-in member comes through here: one read, no transaction, for a known member.
  const { member, tenant } = await uow.read(async (store) => {
    const found = await store.members.byEntraId(who.aadTenantId, who.aadObjectId);
    return { member: found, tenant: found ? null : await store.tenants.byEntraId(who.aadTenantId) };
  });
  if (member) return { ok: true, member };
  // The organisation's default region (Admin → Settings) before the server's MEMBER_DEFAULT_REGION.
  if (tenant)
    return uow.run((store) =>
      joinTenant(store, tenant.id, who, {
        ...policy,
        defaultRegion: tenant.defaultRegion ?? policy.defaultRegion,
      }),
    );
  if (policy.singleTenantId?.toLowerCase() !== who.aadTenantId) {
    return {
      ok: false,
      detail: 'Your organisation has not set up Bridgeline yet: ask your Teams administrator.',
    };
  }
  return uow.run((store) => createTenant(store, who, policy));
}

async function joinTenant(
  store: SignInStore,
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
    smsNumberId: null,
  });
  return { ok: true, member };
}

async function createTenant(
  store: SignInStore,
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
    smsNumberId: null,
  });
  const number = policy.defaultNumber;
  if (number && !(await store.numbers.byProviderId('whatsapp', number.providerNumberId))) {
    await store.numbers.create({ tenantId: tenant.id, channel: 'whatsapp', ...number });
  }
  return { ok: true, member };
}
