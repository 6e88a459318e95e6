import type { PairKey, PairRecord, PairsPort } from '../../src/ports/index.js';
import { copy, samePair, type State } from './state.js';

const fresh = (k: PairKey): PairRecord => ({
  tenantId: k.tenantId,
  businessNumberId: k.businessNumberId,
  contactId: k.contactId,
  consent: 'none',
  reachability: 'ok',
  lastRequestedAt: null,
  lastInboundAt: null,
  resumeRequestedAt: null,
});

/** Consent and window per (business number, contact); one row per pair, created in state `none` by `lock`. */
export function fakePairs(state: State): PairsPort {
  const row = (k: PairKey) => state.pairs.find((p) => samePair(p, k));
  return {
    async lock(k) {
      let p = row(k);
      if (!p) {
        p = fresh(k);
        state.pairs.push(p);
      }
      return copy(p);
    },
    async get(k) {
      const p = row(k);
      return p ? copy(p) : fresh(k);
    },
    async setConsent(k, from, to) {
      const p = row(k);
      if (!p || p.consent !== from) return false;
      p.consent = to;
      return true;
    },
    async update(k, patch) {
      const p = row(k);
      if (!p) return;
      if (patch.reachability) p.reachability = patch.reachability;
      if (patch.lastRequestedAt) p.lastRequestedAt = patch.lastRequestedAt;
      if (patch.resumeRequestedAt) p.resumeRequestedAt = patch.resumeRequestedAt;
      // An older message never moves the window back.
      if (patch.lastInboundAt && (!p.lastInboundAt || patch.lastInboundAt > p.lastInboundAt))
        p.lastInboundAt = patch.lastInboundAt;
    },
    async appendEvent(e) {
      if (!row(e)) throw new Error('a consent event needs its pair (foreign key)');
      state.counters.consentEvent += 1;
      state.consentEvents.push({ ...copy(e), id: state.counters.consentEvent });
    },
    async events(k) {
      return state.consentEvents.filter((e) => samePair(e, k)).map(copy);
    },
  };
}
