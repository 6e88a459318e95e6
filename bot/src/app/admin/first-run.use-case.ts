import type { Me } from '@bridgeline/shared';
import type { Store } from '../../ports/index.js';
import type { AppContext, Caller } from '../context.js';
import { ok, type Outcome } from '../outcome.js';
import { presentMe } from '../presenters.js';

/**
 * `GET /me` with what the organisation's settings and the first-run moment say about the member: whether WhatsApp is
 * on for the organisation (off: the tab disables WhatsApp actions and says why), and whether the member was just
 * enabled and has not yet dismissed the notice that says so (docs/admin.md "First run").
 */
export async function meView(ctx: AppContext<Pick<Store, 'tenants'>>, caller: Caller): Promise<Outcome<Me>> {
  const tenant = await ctx.uow.read((store) => store.tenants.byId(caller.tenantId));
  return ok({
    ...presentMe(caller),
    whatsappEnabled: tenant?.whatsappEnabled !== false,
    firstRun: caller.enabled && caller.firstRunPending === true,
  });
}

/** The member closed the first-run notice: it does not come back (until an admin disables and enables them again). */
export async function dismissFirstRun(
  ctx: AppContext<Pick<Store, 'members'>>,
  caller: Caller,
): Promise<Outcome<{ firstRun: false }>> {
  await ctx.uow.run((store) => store.members.update(caller.tenantId, caller.id, { firstRunPending: false }));
  return ok({ firstRun: false });
}
