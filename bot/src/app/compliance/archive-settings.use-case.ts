import type { ArchiveSettingsBody, ArchiveSettingsView } from '@bridgeline/shared';
import type { ArchiveSettings, ComplianceStore, Store } from '../../ports/index.js';
import type { AppContext, Caller } from '../context.js';
import { fail, ok, type Outcome } from '../outcome.js';

/**
 * The tenant's archive settings (docs/archive.md): how long content is kept (`retentionDays`, six years unless an
 * admin changes it) and whether the SMTP journal runs. Every change is itself archived (`admin.archive_settings_changed`,
 * who, before and after), in the transaction that makes it.
 */
export const presentArchiveSettings = (s: ArchiveSettings): ArchiveSettingsView => ({
  retentionDays: s.retentionDays,
  journal: { enabled: s.journalEnabled },
});

export async function getArchiveSettings(
  ctx: Pick<AppContext<Pick<ComplianceStore, 'archiveSettings'>>, 'uow'>,
  caller: Caller,
): Promise<Outcome<ArchiveSettingsView>> {
  if (!caller.isAdmin) return fail('admin_only');
  return ok(presentArchiveSettings(await ctx.uow.run((store) => store.archiveSettings.get(caller.tenantId))));
}

export async function updateArchiveSettings(
  ctx: Pick<AppContext<Pick<ComplianceStore, 'archiveSettings'> & Pick<Store, 'archive'>>, 'uow' | 'clock'>,
  caller: Caller,
  body: ArchiveSettingsBody,
): Promise<Outcome<ArchiveSettingsView>> {
  if (!caller.isAdmin) return fail('admin_only');
  return ctx.uow.run(async (store) => {
    const before = presentArchiveSettings(await store.archiveSettings.get(caller.tenantId));
    const after = presentArchiveSettings(
      await store.archiveSettings.update(caller.tenantId, {
        ...(body.retentionDays !== undefined ? { retentionDays: body.retentionDays } : {}),
        ...(body.journal !== undefined ? { journalEnabled: body.journal.enabled } : {}),
      }),
    );
    const changed =
      before.retentionDays !== after.retentionDays || before.journal.enabled !== after.journal.enabled;
    if (changed)
      store.archive.append({
        tenantId: caller.tenantId,
        type: 'admin.archive_settings_changed',
        event: 'admin.archive_settings_changed',
        at: ctx.clock.now(),
        actorMemberId: caller.id,
        details: { before, after },
      });
    return ok(after);
  });
}
