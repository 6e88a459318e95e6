import type { ContactRecord, ContactsPort, IdentitiesPort } from '../../src/ports/index.js';
import { copy, nextId, type State } from './state.js';

/** The unique identities of a contact (phone, wa_id, BSUID), per tenant, as the database's unique indexes keep them. */
function clash(
  state: State,
  c: Pick<ContactRecord, 'tenantId' | 'phoneE164' | 'waId' | 'bsuid'>,
  except?: string,
) {
  return state.contacts.find(
    (o) =>
      o.tenantId === c.tenantId &&
      o.id !== except &&
      ((c.phoneE164 !== null && o.phoneE164 === c.phoneE164) ||
        (c.waId !== null && o.waId === c.waId) ||
        (c.bsuid !== null && o.bsuid === c.bsuid)),
  );
}

function insert(state: State, c: Omit<ContactRecord, 'id' | 'createdAt'>, now: Date): ContactRecord {
  if (c.phoneE164 === null && c.waId === null && c.bsuid === null)
    throw new Error('a contact needs an identity');
  const row = { ...c, id: nextId(state), createdAt: now };
  state.contacts.push(row);
  return row;
}

export function fakeContacts(state: State, now: () => Date): ContactsPort {
  const byPhone = async (tenantId: string, phone: string) => {
    const c = state.contacts.find((r) => r.tenantId === tenantId && r.phoneE164 === phone);
    return c ? copy(c) : null;
  };
  return {
    async byId(tenantId, id) {
      const c = state.contacts.find((r) => r.tenantId === tenantId && r.id === id);
      return c ? copy(c) : null;
    },
    byPhone,
    async search(tenantId, query, limit) {
      const q = query?.trim().toLowerCase();
      return state.contacts
        .filter((c) => c.tenantId === tenantId)
        .filter(
          (c) => !q || (c.displayName ?? '').toLowerCase().includes(q) || (c.phoneE164 ?? '').includes(q),
        )
        .sort((a, b) => (a.displayName ?? '\uffff').localeCompare(b.displayName ?? '\uffff'))
        .slice(0, limit)
        .map(copy);
    },
    async createOrGet({ tenantId, phoneE164, displayName }) {
      const existing = await byPhone(tenantId, phoneE164);
      if (existing) return { contact: existing, created: false };
      const c = { tenantId, phoneE164, waId: phoneE164.slice(1), bsuid: null, username: null, displayName };
      if (clash(state, c)) throw new Error('duplicate contact identity');
      return { contact: copy(insert(state, c, now())), created: true };
    },
  };
}

export function fakeIdentities(state: State, now: () => Date): IdentitiesPort {
  const find: IdentitiesPort['find'] = async (tenantId, { waIds, bsuid }) => {
    const mine = state.contacts.filter((c) => c.tenantId === tenantId);
    // The BSUID first: it names one WhatsApp account, whatever number it has today.
    const byBsuid = bsuid === null ? undefined : mine.find((c) => c.bsuid === bsuid);
    const byWaId = mine.find(
      (c) => (c.waId !== null && waIds.includes(c.waId)) || waIds.some((w) => c.phoneE164 === `+${w}`),
    );
    const found = byBsuid ?? byWaId;
    return found ? copy(found) : null;
  };
  return {
    find,
    async createOrGet(input) {
      if (!clash(state, input)) return copy(insert(state, input, now()));
      const waIds = [input.waId, input.phoneE164?.slice(1)].filter((v): v is string => !!v);
      const existing = await find(input.tenantId, { waIds, bsuid: input.bsuid });
      if (!existing) throw new Error('contact vanished during create');
      return existing;
    },
    async complete(tenantId, id, input) {
      const c = state.contacts.find((r) => r.tenantId === tenantId && r.id === id);
      if (!c) return;
      const next = {
        ...c,
        phoneE164: c.phoneE164 ?? input.phoneE164,
        waId: input.waId ?? c.waId,
        bsuid: c.bsuid ?? input.bsuid,
        username: input.username ?? c.username,
        displayName: c.displayName ?? input.displayName,
      };
      // Never takes an identity another contact holds.
      if (clash(state, { ...input, tenantId }, id)) return;
      Object.assign(c, next);
    },
  };
}
