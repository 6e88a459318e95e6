import type { BusinessProfile, UpdateBusinessProfileBody } from '@bridgeline/shared';
import type { BusinessNumberRecord, BusinessProfileRecord } from '../../ports/index.js';
import type { Caller } from '../context.js';
import { fail, notFound, ok, type Outcome } from '../outcome.js';
import type { AdminContext, AdminStoreAll } from './admin-context.js';

/**
 * The WhatsApp business profile contacts see for a number (docs/admin.md "Business profile"): read from and written
 * to Meta (`/{phone-number-id}/whatsapp_business_profile`), which keeps it; Bridgeline keeps no copy. A change Meta
 * accepts is an `admin.profile_updated` archive record (who, which number, before, after).
 */
type Ctx = AdminContext<Pick<AdminStoreAll, 'numbers' | 'archive'>>;

const present = (numberId: string, p: BusinessProfileRecord): BusinessProfile => ({ numberId, ...p });

async function whatsappNumber(ctx: Ctx, caller: Caller, id: string): Promise<Outcome<BusinessNumberRecord>> {
  const number = await ctx.uow.read((store) => store.numbers.byId(caller.tenantId, id));
  if (!number) return notFound();
  if (number.channel !== 'whatsapp')
    return fail('validation_failed', 'Only a WhatsApp number has a business profile; SMS numbers have none.');
  return ok(number);
}

export async function getProfile(
  ctx: Ctx,
  caller: Caller,
  numberId: string,
): Promise<Outcome<BusinessProfile>> {
  if (!caller.isAdmin) return fail('admin_only');
  const number = await whatsappNumber(ctx, caller, numberId);
  if (!number.ok) return number;
  const read = await ctx.profiles.get(number.value.providerNumberId);
  if (!read.ok) return fail('unavailable', read.reason);
  return ok(present(numberId, read.value));
}

export async function updateProfile(
  ctx: Ctx,
  caller: Caller,
  numberId: string,
  body: UpdateBusinessProfileBody,
): Promise<Outcome<BusinessProfile>> {
  if (!caller.isAdmin) return fail('admin_only');
  if (Object.keys(body).length === 0) return fail('validation_failed', 'Nothing to change.');
  const number = await whatsappNumber(ctx, caller, numberId);
  if (!number.ok) return number;
  const phoneNumberId = number.value.providerNumberId;
  const before = await ctx.profiles.get(phoneNumberId);
  if (!before.ok) return fail('unavailable', before.reason);
  const written = await ctx.profiles.update(phoneNumberId, body);
  if (!written.ok) return fail('validation_failed', written.reason);
  const after = await ctx.profiles.get(phoneNumberId);
  const view = present(numberId, after.ok ? after.value : { ...before.value, ...body });
  // Meta holds the profile, so the record follows Meta's acceptance: written once it has said yes.
  await ctx.uow.run(async (store) => {
    store.archive.append({
      tenantId: caller.tenantId,
      type: 'admin.profile_updated',
      event: 'admin.profile_updated',
      at: ctx.clock.now(),
      actorMemberId: caller.id,
      businessNumberId: numberId,
      details: { before: present(numberId, before.value), after: view, changed: Object.keys(body) },
    });
  });
  return ok(view);
}
