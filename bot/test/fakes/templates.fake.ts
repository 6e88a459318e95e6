import type { TemplatesPort } from '../../src/ports/index.js';
import { copy, type State } from './state.js';

export function fakeTemplates(state: State): TemplatesPort {
  const find = (t: { tenantId: string; wabaId: string; name: string; language: string }) =>
    state.templates.find(
      (r) =>
        r.tenantId === t.tenantId && r.wabaId === t.wabaId && r.name === t.name && r.language === t.language,
    );
  return {
    async upsert(t) {
      const row = find(t);
      if (row) Object.assign(row, copy(t));
      else state.templates.push({ ...copy(t), reason: null });
    },
    async applyUpdate(u) {
      const row = find(u);
      if (row) {
        row.providerTemplateId = u.providerTemplateId;
        row.status = u.status ?? row.status;
        row.quality = u.quality ?? row.quality;
        row.reason = u.status === null ? row.reason : u.reason;
        row.category = u.category ?? row.category;
        row.disableDate = u.status === null ? (row.disableDate ?? null) : (u.disableDate ?? null);
        row.updatedAt = u.at;
        return;
      }
      state.templates.push({
        tenantId: u.tenantId,
        wabaId: u.wabaId,
        name: u.name,
        language: u.language,
        providerTemplateId: u.providerTemplateId,
        category: u.category ?? null,
        disableDate: u.disableDate ?? null,
        status: u.status ?? 'UNKNOWN',
        quality: u.quality,
        body: '',
        parameterCount: 0,
        quickReplies: [],
        updatedAt: u.at,
        reason: u.reason,
      });
    },
    async markMissing(tenantId, wabaId, keep, at) {
      for (const r of state.templates) {
        if (r.tenantId !== tenantId || r.wabaId !== wabaId || r.status === 'DELETED') continue;
        if (keep.some((k) => k.name === r.name && k.language === r.language)) continue;
        Object.assign(r, { status: 'DELETED', updatedAt: at });
      }
    },
    async lockOne(tenantId, wabaId, name, language) {
      const row = find({ tenantId, wabaId, name, language });
      return row ? copy(row) : null;
    },
    async all(tenantId) {
      return state.templates
        .filter((t) => t.tenantId === tenantId)
        .sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language))
        .map((t) => copy(t));
    },
    async approved(tenantId) {
      return state.templates
        .filter((t) => t.tenantId === tenantId && (t.status === 'APPROVED' || t.status === 'FLAGGED'))
        .sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language))
        .map(({ reason: _r, ...t }) => copy(t));
    },
    async tenantsOfWaba(wabaId) {
      return [...new Set(state.numbers.filter((n) => n.wabaId === wabaId).map((n) => n.tenantId))].sort();
    },
  };
}
