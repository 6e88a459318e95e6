import { DuplicateKey, type MembersPort, type NumbersPort, type TenantsPort } from '../../src/ports/index.js';
import { copy, nextId, type State } from './state.js';

const contains = (text: string, query: string) => text.toLowerCase().includes(query.toLowerCase());

export function fakeTenants(state: State): TenantsPort {
  const strip = ({ aadTenantId: _aad, smsHelpText: _help, ...t }: State['tenants'][number]) => copy(t);
  return {
    async byId(id) {
      const t = state.tenants.find((r) => r.id === id);
      return t ? strip(t) : null;
    },
    async byName(name) {
      const t = state.tenants.find((r) => r.name === name);
      return t ? strip(t) : null;
    },
    async smsHelpText(tenantId) {
      return state.tenants.find((r) => r.id === tenantId)?.smsHelpText ?? null;
    },
    async byEntraId(aadTenantId) {
      const t = state.tenants.find((r) => r.aadTenantId?.toLowerCase() === aadTenantId.toLowerCase());
      return t ? strip(t) : null;
    },
    async create({ name, aadTenantId }) {
      if (
        aadTenantId &&
        state.tenants.some((t) => t.aadTenantId?.toLowerCase() === aadTenantId.toLowerCase())
      )
        throw new DuplicateKey();
      const row = { id: nextId(state), name, enabled: true, aadTenantId: aadTenantId ?? null };
      state.tenants.push(row);
      return strip(row);
    },
  };
}

/** Like the repository, a member's `smsNumber` is read from the business number `smsNumberId` names. */
function smsPhoneOf(state: State, m: State['members'][number]): State['members'][number] {
  const n = state.numbers.find((r) => r.tenantId === m.tenantId && r.id === m.smsNumberId);
  m.smsNumber = n ? `+${n.displayPhone.replace(/[^0-9]/g, '')}` : null;
  return m;
}

export function fakeMembers(state: State): MembersPort {
  const byEmail = (tenantId: string | null, email: string) =>
    state.members.filter(
      (m) => (tenantId === null || m.tenantId === tenantId) && m.email.toLowerCase() === email.toLowerCase(),
    );
  return {
    async byId(tenantId, id) {
      const m = state.members.find((r) => r.tenantId === tenantId && r.id === id);
      return m ? copy(m) : null;
    },
    async byIds(tenantId, ids) {
      return state.members.filter((m) => m.tenantId === tenantId && ids.includes(m.id)).map(copy);
    },
    async byEmail(tenantId, email) {
      const [m] = byEmail(tenantId, email);
      return m ? copy(m) : null;
    },
    async byEmailAnyTenant(email) {
      return byEmail(null, email).map(copy);
    },
    async byEntraId(aadTenantId, aadObjectId) {
      const tenant = state.tenants.find((t) => t.aadTenantId?.toLowerCase() === aadTenantId.toLowerCase());
      const m = state.members.find(
        (r) => r.tenantId === tenant?.id && r.aadObjectId?.toLowerCase() === aadObjectId.toLowerCase(),
      );
      return m ? copy(m) : null;
    },
    async search(tenantId, { query, region }) {
      const q = query?.trim();
      return state.members
        .filter((m) => m.tenantId === tenantId && (region === undefined || m.region === region))
        .filter((m) => !q || contains(m.displayName, q) || contains(m.email, q))
        .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))
        .slice(0, 200)
        .map(copy);
    },
    async create(input) {
      if (byEmail(input.tenantId, input.email).length > 0) throw new DuplicateKey();
      const row = smsPhoneOf(state, { ...input, smsNumber: null, id: nextId(state) });
      state.members.push(row);
      return copy(row);
    },
    async update(tenantId, id, patch) {
      const m = state.members.find((r) => r.tenantId === tenantId && r.id === id);
      if (!m) return null;
      // Like the repository's COALESCE: an undefined field keeps its value.
      for (const [k, v] of Object.entries(patch))
        if (v !== undefined && v !== null) Object.assign(m, { [k]: v });
      // …except the SMS number, which null clears.
      if (patch.smsNumberId === null) m.smsNumberId = null;
      return copy(smsPhoneOf(state, m));
    },
  };
}

export function fakeNumbers(state: State): NumbersPort {
  const strip = ({ wabaId: _waba, ...n }: State['numbers'][number]) => copy(n);
  return {
    async byId(tenantId, id) {
      const n = state.numbers.find((r) => r.tenantId === tenantId && r.id === id);
      return n ? strip(n) : null;
    },
    async forRegion(tenantId, channel, region) {
      const n = state.numbers.find(
        (r) => r.tenantId === tenantId && r.channel === channel && r.region === region,
      );
      return n ? strip(n) : null;
    },
    async smsByPhone(phoneE164) {
      const digits = (v: string) => v.replace(/[^0-9]/g, '');
      const n = state.numbers.find(
        (r) =>
          r.channel === 'sms' &&
          (digits(r.providerNumberId) === digits(phoneE164) || digits(r.displayPhone) === digits(phoneE164)),
      );
      return n ? strip(n) : null;
    },
    async byProviderId(channel, providerNumberId) {
      const n = state.numbers.find((r) => r.channel === channel && r.providerNumberId === providerNumberId);
      return n ? strip(n) : null;
    },
    async create({ wabaId, ...input }) {
      if (
        state.numbers.some(
          (n) => n.channel === input.channel && n.providerNumberId === input.providerNumberId,
        )
      )
        throw new Error('duplicate provider number id');
      const row = { ...input, id: nextId(state), wabaId: wabaId ?? null };
      state.numbers.push(row);
      return strip(row);
    },
  };
}
