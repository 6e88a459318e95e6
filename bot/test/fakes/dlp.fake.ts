import { randomUUID } from 'node:crypto';
import type { DlpMessagesPort, DlpReviewsPort, DlpRulesPort } from '../../src/ports/index.js';
import type { State } from './state.js';

/**
 * Data loss prevention over the in-memory state: rules (each write moves the tenant's token), reviews, and what a
 * check writes on a message. The HTTP tests exercise the real repositories; these keep the use cases' unit tests
 * running with the same ports.
 */
export function fakeDlpRules(state: State): DlpRulesPort {
  const bump = (tenantId: string) => (state.dlpVersions[tenantId] = randomUUID());
  return {
    async list(tenantId) {
      return state.dlpRules.filter((r) => r.tenantId === tenantId);
    },
    async byId(tenantId, id) {
      return state.dlpRules.find((r) => r.tenantId === tenantId && r.id === id) ?? null;
    },
    async create({ at, ...rule }) {
      const created = { ...rule, id: randomUUID(), createdAt: at, updatedAt: at };
      state.dlpRules.push(created);
      bump(rule.tenantId);
      return created;
    },
    async update(tenantId, id, patch, at) {
      const rule = state.dlpRules.find((r) => r.tenantId === tenantId && r.id === id);
      if (!rule) return null;
      Object.assign(rule, patch, { updatedAt: at });
      bump(tenantId);
      return rule;
    },
    async remove(tenantId, id) {
      const before = state.dlpRules.length;
      state.dlpRules = state.dlpRules.filter((r) => !(r.tenantId === tenantId && r.id === id));
      if (state.dlpRules.length === before) return false;
      bump(tenantId);
      return true;
    },
    async version(tenantId) {
      return state.dlpVersions[tenantId] ?? null;
    },
  };
}

export function fakeDlpReviews(state: State): DlpReviewsPort {
  const withContext = (r: State['dlpReviews'][number]) => ({
    ...r,
    text: state.messages.find((m) => m.id === r.messageId)?.text ?? null,
    senderName: null,
    contactLabel: null,
  });
  return {
    async open(review) {
      const id = randomUUID();
      state.dlpReviews.push({
        ...review,
        id,
        state: 'open',
        outcome: null,
        note: null,
        resolvedAt: null,
        resolvedBy: null,
      });
      return id;
    },
    async list(tenantId, filter) {
      return state.dlpReviews
        .filter((r) => r.tenantId === tenantId && (filter === null || r.state === filter))
        .map(withContext)
        .reverse();
    },
    async byId(tenantId, id) {
      const r = state.dlpReviews.find((x) => x.tenantId === tenantId && x.id === id);
      return r ? withContext(r) : null;
    },
    async resolve(tenantId, id, d) {
      const r = state.dlpReviews.find((x) => x.tenantId === tenantId && x.id === id && x.state === 'open');
      if (!r) return null;
      const by = state.members.find((m) => m.id === d.by);
      Object.assign(r, {
        state: 'resolved',
        outcome: d.outcome,
        note: d.note,
        resolvedAt: d.at,
        resolvedBy: { id: d.by, displayName: by?.displayName ?? '' },
      });
      return withContext(r);
    },
  };
}

export function fakeDlpMessages(state: State): DlpMessagesPort {
  return {
    async heldToRecheck(key, version) {
      return state.messages
        .filter(
          (m) =>
            m.tenantId === key.tenantId &&
            m.businessNumberId === key.businessNumberId &&
            m.contactId === key.contactId &&
            m.status === 'held' &&
            (m.dlpVersion ?? null) !== version,
        )
        .sort((a, b) => a.seq - b.seq)
        .map((m) => ({ id: m.id, text: m.text, template: m.template, type: m.type }));
    },
    async mark(id, patch) {
      const m = state.messages.find((x) => x.id === id);
      if (!m) return;
      m.dlpVersion = patch.version;
      if (patch.flags && patch.flags.length > 0) m.dlpFlags = patch.flags;
      if (patch.text !== undefined) m.text = patch.text;
      if (patch.templateParameters && m.template)
        m.template = { ...m.template, parameters: patch.templateParameters };
    },
  };
}
