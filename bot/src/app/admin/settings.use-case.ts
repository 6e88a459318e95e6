import type { TenantSettings, UpdateTenantSettingsBody } from '@bridgeline/shared';
import type { TenantSettingsRecord } from '../../ports/index.js';
import type { Caller } from '../context.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { AdminContext, AdminStoreAll } from './admin-context.js';

/**
 * The organisation's settings (docs/admin.md "Settings"): WhatsApp on or off, the SMS HELP answer, whether contacts
 * the organisation never messaged may open conversations, the region of members provisioned on first sign-in. Every
 * change is an `admin.settings_updated` archive record (who, before, after) in the transaction that makes it.
 */
type Ctx = AdminContext<Pick<AdminStoreAll, 'tenantSettings' | 'archive'>>;

export function presentSettings(r: TenantSettingsRecord): TenantSettings {
  return {
    whatsappEnabled: r.whatsappEnabled,
    smsHelpText: r.smsHelpText,
    restrictIncoming: r.restrictIncoming,
    defaultRegion: r.defaultRegion,
  };
}

export async function getSettings(ctx: Ctx, caller: Caller): Promise<Outcome<TenantSettings>> {
  if (!caller.isAdmin) return fail('admin_only');
  return ok(presentSettings(await ctx.uow.read((store) => store.tenantSettings.get(caller.tenantId))));
}

export async function updateSettings(
  ctx: Ctx,
  caller: Caller,
  body: UpdateTenantSettingsBody,
): Promise<Outcome<TenantSettings>> {
  if (!caller.isAdmin) return fail('admin_only');
  // An empty help text is no help text: the default answers HELP.
  const patch = body.smsHelpText === '' ? { ...body, smsHelpText: null } : (body as Partial<TenantSettings>);
  return ctx.uow.run(async (store) => {
    const before = presentSettings(await store.tenantSettings.get(caller.tenantId));
    const after = presentSettings(await store.tenantSettings.update(caller.tenantId, patch));
    const changed = (Object.keys(after) as (keyof TenantSettings)[]).filter((k) => before[k] !== after[k]);
    if (changed.length > 0)
      store.archive.append({
        tenantId: caller.tenantId,
        type: 'admin.settings_updated',
        event: 'admin.settings_updated',
        at: ctx.clock.now(),
        actorMemberId: caller.id,
        details: { before, after, changed },
      });
    return ok(after);
  });
}
