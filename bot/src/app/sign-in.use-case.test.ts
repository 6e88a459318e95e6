import { describe, expect, it } from 'vitest';
import {
  DuplicateKey,
  type BusinessNumberRecord,
  type MemberRecord,
  type TenantRecord,
  type UnitOfWork,
} from '../ports/index.js';
import { signIn, type EntraIdentity, type ProvisioningPolicy, type SignInStore } from './sign-in.use-case.js';

const TID = '0a1b2c3d-0000-4000-8000-00000000c0de';
const OTHER_TID = '99999999-0000-4000-8000-000000000bad';
const OID = 'aaaaaaaa-0000-4000-8000-000000000001';
const NUMBER = {
  providerNumberId: '100000000000001',
  displayPhone: '+1 555 0100',
  wabaId: 'waba-1',
  region: 'us',
} as const;

const policy: ProvisioningPolicy = { singleTenantId: TID, defaultRegion: 'eu', defaultNumber: NUMBER };
const ada: EntraIdentity = {
  aadTenantId: TID,
  aadObjectId: OID,
  email: 'ada@fabrikam.example',
  displayName: 'Ada Admin',
};

type Tenant = TenantRecord & { aadTenantId: string | null };

/**
 * Tenants, members and numbers in memory, with the database's unique keys (a tenant's Entra id; a member's email and
 * object id in its tenant). Entra ids compare exactly here: lower-casing them is the use case's job. `run` keeps
 * nothing of a transaction that throws; `beforeWrite` plays a concurrent sign-in that commits just before this
 * transaction's first write.
 */
class FakeSignInStore {
  tenants: Tenant[] = [];
  members: MemberRecord[] = [];
  numbers: (BusinessNumberRecord & { wabaId?: string | null })[] = [];
  transactions = 0;
  beforeWrite: (() => void) | null = null;
  private ids = 0;
  private committed = this.snapshot();

  readonly uow: UnitOfWork<SignInStore> = {
    read: (work) => work(this.store()),
    run: async (work) => {
      this.transactions += 1;
      this.committed = this.snapshot();
      try {
        return await work(this.store());
      } catch (error) {
        ({ tenants: this.tenants, members: this.members, numbers: this.numbers } = this.committed);
        throw error;
      }
    },
  };

  private snapshot() {
    return structuredClone({ tenants: this.tenants, members: this.members, numbers: this.numbers });
  }

  aTenant(over: Partial<Tenant> = {}): Tenant {
    const t = { id: this.id(), name: 'fabrikam.example', enabled: true, aadTenantId: TID, ...over };
    this.tenants.push(t);
    return t;
  }

  aMember(over: Partial<Omit<MemberRecord, 'smsNumber'>> & { tenantId: string }): MemberRecord {
    const m: MemberRecord = {
      id: this.id(),
      email: 'someone@fabrikam.example',
      displayName: 'Someone',
      aadObjectId: null,
      region: 'us',
      enabled: true,
      isAdmin: false,
      smsNumberId: null,
      smsNumber: null,
      ...over,
    };
    this.members.push(m);
    return m;
  }

  private id(): string {
    this.ids += 1;
    return `00000000-0000-4000-8000-${String(this.ids).padStart(12, '0')}`;
  }

  private write(): void {
    const concurrent = this.beforeWrite;
    this.beforeWrite = null;
    if (!concurrent) return;
    concurrent();
    this.committed = this.snapshot();
  }

  private clash(m: Omit<MemberRecord, 'id' | 'smsNumber'>, id: string | null): boolean {
    return this.members.some(
      (o) =>
        o.id !== id &&
        o.tenantId === m.tenantId &&
        (o.email.toLowerCase() === m.email.toLowerCase() ||
          (m.aadObjectId !== null && o.aadObjectId === m.aadObjectId)),
    );
  }

  private store(): SignInStore {
    const tenantOf = (t: Tenant): TenantRecord => ({ id: t.id, name: t.name, enabled: t.enabled });
    const unused = () => Promise.reject(new Error('sign-in does not use this'));
    return {
      tenants: {
        byId: async (id) => this.tenants.map(tenantOf).find((t) => t.id === id) ?? null,
        byName: unused,
        smsHelpText: unused,
        byEntraId: async (tid) => {
          const t = this.tenants.find((x) => x.aadTenantId === tid);
          return t ? tenantOf(t) : null;
        },
        create: async ({ name, aadTenantId }) => {
          this.write();
          if (this.tenants.some((t) => t.aadTenantId === aadTenantId)) throw new DuplicateKey();
          return tenantOf(this.aTenant({ name, aadTenantId: aadTenantId ?? null }));
        },
      },
      members: {
        byId: async (tenantId, id) =>
          this.members.find((m) => m.tenantId === tenantId && m.id === id) ?? null,
        byIds: unused,
        byEmailAnyTenant: unused,
        search: unused,
        byEmail: async (tenantId, email) =>
          this.members.find(
            (m) => m.tenantId === tenantId && m.email.toLowerCase() === email.toLowerCase(),
          ) ?? null,
        byEntraId: async (tid, oid) => {
          const tenant = this.tenants.find((t) => t.aadTenantId === tid);
          return this.members.find((m) => m.tenantId === tenant?.id && m.aadObjectId === oid) ?? null;
        },
        create: async (input) => {
          this.write();
          if (this.clash(input, null)) throw new DuplicateKey();
          return this.aMember(input);
        },
        update: async (tenantId, id, patch) => {
          this.write();
          const m = this.members.find((x) => x.tenantId === tenantId && x.id === id);
          if (!m) return null;
          if (this.clash({ ...m, ...patch }, id)) throw new DuplicateKey();
          return Object.assign(m, patch);
        },
      },
      numbers: {
        byId: unused,
        forRegion: unused,
        smsByPhone: unused,
        byProviderId: async (channel, providerNumberId) =>
          this.numbers.find((n) => n.channel === channel && n.providerNumberId === providerNumberId) ?? null,
        create: async (input) => {
          const n = { id: this.id(), ...input };
          this.numbers.push(n);
          return n;
        },
      },
    };
  }
}

describe('signing in with a verified Entra token', () => {
  it('signs a known Entra tenant and object id in as that member, enabled or not, in one read and no transaction', async () => {
    const db = new FakeSignInStore();
    const tenant = db.aTenant();
    const member = db.aMember({ tenantId: tenant.id, aadObjectId: OID, enabled: false });
    expect(await signIn(db.uow, policy, ada)).toEqual({ ok: true, member });
    expect(db.transactions).toBe(0);
  });

  it('matches Entra ids whatever their case, and stores them lower-cased', async () => {
    const db = new FakeSignInStore();
    const tenant = db.aTenant();
    const member = db.aMember({ tenantId: tenant.id, aadObjectId: OID });
    const shouting = { ...ada, aadTenantId: TID.toUpperCase(), aadObjectId: OID.toUpperCase() };
    expect(await signIn(db.uow, policy, shouting)).toEqual({ ok: true, member });

    const colleague = {
      ...shouting,
      aadObjectId: 'BBBBBBBB-0000-4000-8000-000000000002',
      email: 'bo@x.example',
    };
    const joined = await signIn(db.uow, policy, colleague);
    expect(joined.ok && joined.member.aadObjectId).toBe('bbbbbbbb-0000-4000-8000-000000000002');
  });

  it('links a member an admin added by email to the account on first sign-in, keeping their region and enablement', async () => {
    const db = new FakeSignInStore();
    const tenant = db.aTenant();
    const added = db.aMember({
      tenantId: tenant.id,
      email: 'Ada@Fabrikam.example',
      region: 'apac',
      enabled: true,
    });
    expect(await signIn(db.uow, policy, ada)).toEqual({ ok: true, member: { ...added, aadObjectId: OID } });
    expect(db.members).toHaveLength(1);
  });

  it('refuses an email another Entra account already signs in as', async () => {
    const db = new FakeSignInStore();
    const tenant = db.aTenant();
    db.aMember({
      tenantId: tenant.id,
      email: ada.email,
      aadObjectId: 'cccccccc-0000-4000-8000-000000000003',
    });
    expect(await signIn(db.uow, policy, ada)).toEqual({
      ok: false,
      detail: 'Another account already signs in as ada@fabrikam.example: ask your Bridgeline admin.',
    });
  });

  it('creates anyone else of a known tenant NOT enabled, not admin, in the default region, named by the token', async () => {
    const db = new FakeSignInStore();
    const tenant = db.aTenant();
    const outcome = await signIn(db.uow, policy, ada);
    expect(outcome).toEqual({
      ok: true,
      member: {
        id: expect.any(String),
        tenantId: tenant.id,
        email: ada.email,
        displayName: 'Ada Admin',
        aadObjectId: OID,
        region: 'eu',
        enabled: false,
        isAdmin: false,
        smsNumberId: null,
        smsNumber: null,
      },
    });
    expect(db.tenants).toHaveLength(1);
  });

  it("makes a first sign-in from the single Entra tenant create the tenant, named after the email's domain, with its first member as an enabled admin and the default number", async () => {
    const db = new FakeSignInStore();
    const outcome = await signIn(db.uow, policy, ada);
    expect(db.tenants).toEqual([
      { id: expect.any(String), name: 'fabrikam.example', enabled: true, aadTenantId: TID },
    ]);
    const tenantId = db.tenants[0]!.id;
    expect(outcome).toEqual({
      ok: true,
      member: expect.objectContaining({
        tenantId,
        email: ada.email,
        region: 'eu',
        enabled: true,
        isAdmin: true,
      }),
    });
    expect(db.numbers).toEqual([{ id: expect.any(String), tenantId, channel: 'whatsapp', ...NUMBER }]);
  });

  it('names a tenant created from a token without a domain in its user name after the Entra tenant id', async () => {
    const db = new FakeSignInStore();
    await signIn(db.uow, policy, { ...ada, email: 'ada' });
    expect(db.tenants.map((t) => t.name)).toEqual([TID]);
  });

  it('does not register the default number again when a tenant has it already', async () => {
    const db = new FakeSignInStore();
    const other = db.aTenant({ aadTenantId: OTHER_TID });
    db.numbers.push({ id: 'n1', tenantId: other.id, channel: 'whatsapp', ...NUMBER });
    await signIn(db.uow, policy, ada);
    expect(db.numbers.map((n) => n.tenantId)).toEqual([other.id]);
  });

  it('refuses a first sign-in from an Entra tenant that is not the single tenant, writing nothing', async () => {
    for (const singleTenantId of [null, OTHER_TID]) {
      const db = new FakeSignInStore();
      expect(await signIn(db.uow, { ...policy, singleTenantId }, ada)).toEqual({
        ok: false,
        detail: 'Your organisation has not set up Bridgeline yet: ask your Teams administrator.',
      });
      expect([db.transactions, db.tenants.length, db.members.length]).toEqual([0, 0, 0]);
    }
  });

  it('signs in as what a concurrent first sign-in wrote when that one won the race for the tenant', async () => {
    const db = new FakeSignInStore();
    let winner: MemberRecord | null = null;
    db.beforeWrite = () => {
      const tenant = db.aTenant();
      winner = db.aMember({ tenantId: tenant.id, email: ada.email, aadObjectId: OID, isAdmin: true });
    };
    expect(await signIn(db.uow, policy, ada)).toEqual({ ok: true, member: winner });
    expect([db.tenants.length, db.members.length]).toEqual([1, 1]);
  });

  it("signs in as what a concurrent sign-in wrote when that one won the race for the person's member row", async () => {
    const db = new FakeSignInStore();
    const tenant = db.aTenant();
    let winner: MemberRecord | null = null;
    db.beforeWrite = () => {
      winner = db.aMember({ tenantId: tenant.id, email: ada.email, aadObjectId: OID, enabled: false });
    };
    expect(await signIn(db.uow, policy, ada)).toEqual({ ok: true, member: winner });
    expect(db.members).toHaveLength(1);
  });
});
