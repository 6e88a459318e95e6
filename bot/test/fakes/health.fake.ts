import type {
  NumberHealthChangeRecord,
  NumberHealthPort,
  RateCardsPort,
  UsagePort,
} from '../../src/ports/index.js';
import { copy, type State } from './state.js';

/** Number health over the fake state's numbers (standing kept beside them), with its history. */
export function fakeNumberHealth(state: State): NumberHealthPort {
  const standing = (id: string) =>
    state.numberHealth[id] ?? {
      qualityRating: null,
      messagingLimit: null,
      restrictions: [],
      updatedAt: null,
    };
  const view = (n: State['numbers'][number]) => ({
    id: n.id,
    tenantId: n.tenantId,
    displayPhone: n.displayPhone,
    region: n.region,
    wabaId: n.wabaId,
    ...copy(standing(n.id)),
  });
  const whatsapp = (tenantId: string) =>
    state.numbers.filter((n) => n.tenantId === tenantId && n.channel === 'whatsapp');
  return {
    async lockOfWaba(tenantId, wabaId) {
      return whatsapp(tenantId)
        .filter((n) => n.wabaId === wabaId)
        .map(view);
    },
    async list(tenantId) {
      return whatsapp(tenantId).map(view);
    },
    async update(_tenantId, id, s, at) {
      state.numberHealth[id] = copy({ ...s, updatedAt: at });
    },
    async appendChange(c) {
      state.numberHealthChanges.push(copy(c));
    },
    async history(tenantId, ids, perNumber) {
      const out: NumberHealthChangeRecord[] = [];
      for (const id of ids)
        out.push(
          ...state.numberHealthChanges
            .filter((c) => c.tenantId === tenantId && c.businessNumberId === id)
            .reverse()
            .slice(0, perNumber)
            .map((c) => copy(c)),
        );
      return out;
    },
  };
}

export function fakeUsage(state: State): UsagePort {
  return {
    async priced(tenantId, from, to) {
      return state.pricedGroups
        .filter((g) => g.tenantId === tenantId && g.firstAt >= from && g.firstAt < to)
        .map(({ tenantId: _t, ...g }) => copy(g));
    },
  };
}

export function fakeRateCards(state: State): RateCardsPort {
  return {
    async get(tenantId) {
      const card = state.rateCards[tenantId];
      return card ? copy(card) : null;
    },
    async put(tenantId, card, _by, at) {
      state.rateCards[tenantId] = card.rates.length === 0 ? undefined : copy({ ...card, updatedAt: at });
    },
  };
}
