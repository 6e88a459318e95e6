import type { BusinessNumber, CreateBusinessNumberBody, UpdateBusinessNumberBody } from '@bridgeline/shared';
import { DuplicateKey, type BusinessNumberRecord, type NumberPatch } from '../../ports/index.js';
import type { Caller } from '../context.js';
import { fail, notFound, ok, type Outcome } from '../outcome.js';
import { toE164 } from '../phone.js';
import type { AdminContext, AdminStoreAll } from './admin-context.js';

/**
 * Business numbers, managed by admins from the tab (docs/admin.md "Business numbers"): WhatsApp numbers with their
 * Cloud API phone number id, WABA and the opt-in and resume templates the consent and resume flows send from them;
 * SMS numbers with their phone. A number's region decides who starts threads on it; a disabled number starts none.
 * Every change is an `admin.number_*` archive record (who, before, after) in the transaction that makes it.
 */

type Ctx = AdminContext<Pick<AdminStoreAll, 'numbersAdmin' | 'numbers' | 'archive'>>;

/** What an admin sees: for WhatsApp the templates the number actually sends (its own, else the server's). */
export function presentNumber(ctx: Pick<AdminContext, 'templates'>, n: BusinessNumberRecord): BusinessNumber {
  const whatsapp = n.channel === 'whatsapp';
  return {
    id: n.id,
    channel: n.channel,
    phone: n.displayPhone,
    region: n.region,
    enabled: n.enabled ?? true,
    updatedAt: (n.updatedAt ?? new Date(0)).toISOString(),
    ...(whatsapp ? { providerNumberId: n.providerNumberId } : {}),
    ...(whatsapp && n.wabaId ? { wabaId: n.wabaId } : {}),
    ...(whatsapp ? { optInTemplate: n.optInTemplate ?? ctx.templates.optIn } : {}),
    ...(whatsapp ? { resumeTemplate: n.resumeTemplate ?? ctx.templates.resume } : {}),
    ...(n.qualityRating ? { qualityRating: n.qualityRating } : {}),
    ...(n.messagingLimit ? { messagingLimit: n.messagingLimit } : {}),
    ...(whatsapp ? { restrictions: n.restrictions ?? [] } : {}),
  };
}

/** E.164 from what an admin typed; test and sandbox numbers (+1 555 01xx) are accepted as written. */
export function numberPhone(input: string): string | null {
  const e164 = toE164(input);
  if (e164) return e164;
  const digits = input.replace(/[\s().-]/g, '');
  return /^\+[1-9][0-9]{6,14}$/.test(digits) ? digits : null;
}

const PHONE_WORDS = 'Enter the number with its country code, e.g. +44 20 7946 0958.';

export async function listNumbers(ctx: Ctx, caller: Caller): Promise<Outcome<BusinessNumber[]>> {
  if (!caller.isAdmin) return fail('admin_only');
  const rows = await ctx.uow.read((store) => store.numbersAdmin.list(caller.tenantId));
  return ok(rows.map((n) => presentNumber(ctx, n)));
}

export async function createNumber(
  ctx: Ctx,
  caller: Caller,
  body: CreateBusinessNumberBody,
): Promise<Outcome<BusinessNumber>> {
  if (!caller.isAdmin) return fail('admin_only');
  const phone = numberPhone(body.phone);
  if (!phone) return fail('validation_failed', PHONE_WORDS);
  const whatsapp = body.channel === 'whatsapp';
  if (whatsapp && (!body.providerNumberId || !body.wabaId))
    return fail(
      'validation_failed',
      'A WhatsApp number needs its phone number id and WhatsApp Business Account id (WhatsApp Manager → API setup).',
    );
  if (!whatsapp && (body.wabaId || body.optInTemplate || body.resumeTemplate))
    return fail('validation_failed', 'An SMS number has no WABA and no WhatsApp templates.');
  try {
    return await ctx.uow.run(async (store) => {
      const created = await store.numbersAdmin.create({
        tenantId: caller.tenantId,
        channel: body.channel,
        // An SMS number is known to its provider by the number itself (digits, as Azure Communication Services says).
        providerNumberId: body.providerNumberId ?? phone.replace(/^\+/, ''),
        displayPhone: phone,
        region: body.region,
        wabaId: body.wabaId ?? null,
        enabled: body.enabled ?? true,
        optInTemplate: body.optInTemplate ?? null,
        resumeTemplate: body.resumeTemplate ?? null,
      });
      const after = presentNumber(ctx, created);
      store.archive.append({
        tenantId: caller.tenantId,
        type: 'admin.number_created',
        event: 'admin.number_created',
        at: ctx.clock.now(),
        actorMemberId: caller.id,
        businessNumberId: created.id,
        details: { after },
      });
      return ok(after);
    });
  } catch (error) {
    if (error instanceof DuplicateKey)
      return fail(
        'duplicate_number',
        body.channel === 'whatsapp'
          ? `The phone number id ${body.providerNumberId ?? ''} is registered already (here or in another organisation).`
          : `The SMS number ${phone} is registered already (here or in another organisation).`,
      );
    throw error;
  }
}

export async function updateNumber(
  ctx: Ctx,
  caller: Caller,
  id: string,
  body: UpdateBusinessNumberBody,
): Promise<Outcome<BusinessNumber>> {
  if (!caller.isAdmin) return fail('admin_only');
  const patch: NumberPatch = {
    ...(body.region !== undefined ? { region: body.region } : {}),
    ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
    ...(body.wabaId !== undefined ? { wabaId: body.wabaId } : {}),
    ...(body.optInTemplate !== undefined ? { optInTemplate: body.optInTemplate } : {}),
    ...(body.resumeTemplate !== undefined ? { resumeTemplate: body.resumeTemplate } : {}),
  };
  if (body.phone !== undefined) {
    const phone = numberPhone(body.phone);
    if (!phone) return fail('validation_failed', PHONE_WORDS);
    patch.displayPhone = phone;
  }
  return ctx.uow.run(async (store) => {
    const current = await store.numbers.byId(caller.tenantId, id);
    if (!current) return notFound();
    if (
      current.channel === 'sms' &&
      (patch.wabaId !== undefined || patch.optInTemplate || patch.resumeTemplate)
    )
      return fail('validation_failed', 'An SMS number has no WABA and no WhatsApp templates.');
    const updated = await store.numbersAdmin.update(caller.tenantId, id, patch, ctx.clock.now());
    if (!updated) return notFound();
    const before = presentNumber(ctx, current);
    const after = presentNumber(ctx, updated);
    store.archive.append({
      tenantId: caller.tenantId,
      type: 'admin.number_updated',
      event: 'admin.number_updated',
      at: ctx.clock.now(),
      actorMemberId: caller.id,
      businessNumberId: id,
      details: { before, after, changed: Object.keys(body) },
    });
    return ok(after);
  });
}
