import type {
  Contact,
  CreateContactBody,
  CreateMemberBody,
  MemberSummary,
  UpdateMemberBody,
} from '@bridgeline/shared';
import type { Region } from '@bridgeline/shared';
import { justEnabled } from '../domain/administration.js';
import type { Store } from '../ports/index.js';
import type { AppContext, Caller } from './context.js';
import { fail, notFound, ok, type Outcome } from './outcome.js';
import { checkPhone } from './phone.js';
import { presentContact, presentMember } from './presenters.js';

/** Members and contacts of the caller's tenant (product.md §1, §2). */

export async function searchMembers(
  ctx: AppContext<Pick<Store, 'members'>>,
  caller: Caller,
  filter: { query?: string | undefined; region?: Region | undefined },
): Promise<Outcome<MemberSummary[]>> {
  return ctx.uow.run(async (store) =>
    ok((await store.members.search(caller.tenantId, filter)).map(presentMember)),
  );
}

export async function createMember(
  ctx: AppContext<Pick<Store, 'members' | 'events' | 'jobs'>>,
  caller: Caller,
  body: CreateMemberBody,
): Promise<Outcome<MemberSummary>> {
  if (!caller.isAdmin) return fail('admin_only');
  return ctx.uow.run(async (store) => {
    if (await store.members.byEmail(caller.tenantId, body.email))
      return fail('validation_failed', 'A member with this email exists.');
    const member = await store.members.create({
      tenantId: caller.tenantId,
      email: body.email,
      displayName: body.displayName,
      aadObjectId: body.aadObjectId ?? null,
      region: body.region,
      enabled: body.enabled,
      isAdmin: body.isAdmin ?? false,
      smsNumberId: null,
      firstRunPending: body.enabled,
    });
    if (body.enabled) await welcome(store, member);
    await store.events.append({
      tenantId: caller.tenantId,
      type: 'admin.member_created',
      actorMemberId: caller.id,
      subjectMemberId: member.id,
      payload: { memberId: member.id, ...body },
      occurredAt: ctx.clock.now(),
    });
    return ok(presentMember(member));
  });
}

export async function updateMember(
  ctx: AppContext<Pick<Store, 'members' | 'events' | 'live' | 'numbers' | 'jobs'>>,
  caller: Caller,
  id: string,
  body: UpdateMemberBody,
): Promise<Outcome<MemberSummary>> {
  if (!caller.isAdmin) return fail('admin_only');
  if (id === caller.id && body.isAdmin === false)
    return fail('validation_failed', 'You cannot remove your own admin rights.');
  return ctx.uow.run(async (store) => {
    const current = await store.members.byId(caller.tenantId, id);
    if (!current) return notFound();
    // A member's SMS number is an SMS number of the tenant in the member's region (product.md §1: same region rule).
    const smsNumberId = body.smsNumberId !== undefined ? body.smsNumberId : current.smsNumberId;
    if (smsNumberId !== null) {
      const number = await store.numbers.byId(caller.tenantId, smsNumberId);
      if (!number || number.channel !== 'sms')
        return fail('validation_failed', 'smsNumberId: no SMS number of your organisation has this id.');
      const region = body.region ?? current.region;
      if (number.region !== region)
        return fail(
          'region_mismatch',
          `The SMS number ${number.displayPhone} is in region ${number.region}; the member is in ${region}.`,
        );
    }
    // Enabled just now: the member is told once, in the tab and by the bot, that WhatsApp is active for them.
    const enabledNow = justEnabled(current, { enabled: body.enabled ?? current.enabled });
    const member = await store.members.update(caller.tenantId, id, {
      ...body,
      ...(enabledNow ? { firstRunPending: true } : {}),
    });
    if (!member) return notFound();
    if (enabledNow) await welcome(store, member);
    await store.events.append({
      tenantId: caller.tenantId,
      type: 'admin.member_updated',
      actorMemberId: caller.id,
      subjectMemberId: id,
      payload: { memberId: id, ...body },
      occurredAt: ctx.clock.now(),
    });
    // The member's open event streams check again: a member disabled now stops receiving at once.
    store.live.publish({ type: 'access.member', memberId: id, tenantId: caller.tenantId });
    return ok(presentMember(member));
  });
}

/** The bot's card to a member just enabled (sent when they have the bot; the tab's notice waits for them anyway). */
async function welcome(store: Pick<Store, 'jobs'>, member: { tenantId: string; id: string }) {
  await store.jobs.send({
    name: 'welcome-member',
    data: { tenantId: member.tenantId, memberId: member.id },
    singletonKey: member.id,
  });
}

export async function listContacts(
  ctx: AppContext<Pick<Store, 'contacts'>>,
  caller: Caller,
  query: string | undefined,
): Promise<Outcome<Contact[]>> {
  if (!caller.enabled) return fail('not_enabled');
  return ctx.uow.run(async (store) =>
    ok((await store.contacts.search(caller.tenantId, query, 100)).map(presentContact)),
  );
}

export async function createContact(
  ctx: AppContext<Pick<Store, 'contacts'>>,
  caller: Caller,
  body: CreateContactBody,
): Promise<Outcome<{ contact: Contact; created: boolean }>> {
  if (!caller.enabled) return fail('not_enabled');
  const checked = checkPhone(body.phone);
  if (!checked.ok) return fail('validation_failed', checked.reason);
  const phone = checked.e164;
  return ctx.uow.run(async (store) => {
    const { contact, created } = await store.contacts.createOrGet({
      tenantId: caller.tenantId,
      phoneE164: phone,
      displayName: body.displayName ?? null,
    });
    return ok({ contact: presentContact(contact), created });
  });
}
