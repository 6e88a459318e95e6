import { describe, expect, it } from 'vitest';
import { aMember, aTenant, fakeComplianceWorld } from '../../../test/fakes/index.js';
import { getArchiveSettings, updateArchiveSettings } from './archive-settings.use-case.js';

function org() {
  const w = fakeComplianceWorld();
  const tenant = aTenant(w);
  const admin = aMember(w, tenant.id, { isAdmin: true });
  const bob = aMember(w, tenant.id);
  return { w, tenant, admin, bob };
}

describe('archive settings', () => {
  it('a tenant keeps content six years (2192 days) and journals until an admin says otherwise', async () => {
    const { w, admin } = org();
    expect(await getArchiveSettings(w.ctx, admin)).toEqual({
      ok: true,
      value: { retentionDays: 2192, journal: { enabled: true } },
    });
  });

  it('every change is archived with who made it, what it was before and what it is after', async () => {
    const { w, tenant, admin } = org();
    const result = await updateArchiveSettings(w.ctx, admin, {
      retentionDays: 3650,
      journal: { enabled: false },
    });
    expect(result).toEqual({ ok: true, value: { retentionDays: 3650, journal: { enabled: false } } });
    expect(w.state.archive).toEqual([
      expect.objectContaining({
        tenantId: tenant.id,
        type: 'admin.archive_settings_changed',
        actorMemberId: admin.id,
        details: {
          before: { retentionDays: 2192, journal: { enabled: true } },
          after: { retentionDays: 3650, journal: { enabled: false } },
        },
      }),
    ]);
    expect(await getArchiveSettings(w.ctx, admin)).toMatchObject({ value: { retentionDays: 3650 } });
  });

  it('a change of one setting leaves the other as it was', async () => {
    const { w, admin } = org();
    await updateArchiveSettings(w.ctx, admin, { journal: { enabled: false } });
    expect(await updateArchiveSettings(w.ctx, admin, { retentionDays: 30 })).toEqual({
      ok: true,
      value: { retentionDays: 30, journal: { enabled: false } },
    });
  });

  it('a PUT that changes nothing archives nothing', async () => {
    const { w, admin } = org();
    await updateArchiveSettings(w.ctx, admin, { retentionDays: 2192 });
    await updateArchiveSettings(w.ctx, admin, {});
    expect(w.state.archive).toEqual([]);
  });

  it('only an admin reads or changes them; a refused change stores and archives nothing', async () => {
    const { w, admin, bob } = org();
    expect(await getArchiveSettings(w.ctx, bob)).toMatchObject({ ok: false, code: 'admin_only' });
    expect(await updateArchiveSettings(w.ctx, bob, { retentionDays: 1 })).toMatchObject({
      ok: false,
      code: 'admin_only',
    });
    expect(w.state.archive).toEqual([]);
    expect(await getArchiveSettings(w.ctx, admin)).toMatchObject({ value: { retentionDays: 2192 } });
  });

  it('each tenant has its own settings', async () => {
    const { w, admin } = org();
    const other = aMember(w, aTenant(w, { name: 'Fabrikam' }).id, { isAdmin: true });
    await updateArchiveSettings(w.ctx, other, { retentionDays: 7 });
    expect(await getArchiveSettings(w.ctx, admin)).toMatchObject({ value: { retentionDays: 2192 } });
  });
});
