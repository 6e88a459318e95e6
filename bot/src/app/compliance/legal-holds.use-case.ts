import type { CreateLegalHoldBody, LegalHold } from '@bridgeline/shared';
import type { HoldTarget } from '../../domain/archive/index.js';
import type { ArchiveEntry, ComplianceStore, LegalHoldRecord, Store } from '../../ports/index.js';
import type { AppContext, Caller } from '../context.js';
import { fail, notFound, ok, type Outcome } from '../outcome.js';

/**
 * Legal holds (docs/archive.md, "Retention and legal hold"): an admin puts a contact, a thread or a member on hold,
 * and retention removes nothing the hold covers until it is released. Creating and releasing are archived
 * (`hold.created`, `hold.released`); a released hold stays, with when and by whom, since its history is evidence.
 * A target or hold of another tenant is answered as missing.
 */
export type HoldsStore = Pick<ComplianceStore, 'legalHolds'> &
  Pick<Store, 'archive' | 'contacts' | 'threads' | 'members'>;

export const presentLegalHold = (h: LegalHoldRecord): LegalHold => ({
  id: h.id,
  scope: h.scope,
  targetId: h.targetId,
  targetLabel: h.targetLabel,
  reason: h.reason,
  createdBy: h.createdBy,
  createdAt: h.createdAt.toISOString(),
  releasedAt: h.releasedAt?.toISOString() ?? null,
  releasedBy: h.releasedBy,
});

export async function listLegalHolds(
  ctx: Pick<AppContext<Pick<ComplianceStore, 'legalHolds'>>, 'uow'>,
  caller: Caller,
  options: { includeReleased: boolean },
): Promise<Outcome<LegalHold[]>> {
  if (!caller.isAdmin) return fail('admin_only');
  const holds = await ctx.uow.read((store) => store.legalHolds.list(caller.tenantId, options));
  return ok(holds.map(presentLegalHold));
}

export async function createLegalHold(
  ctx: Pick<AppContext<HoldsStore>, 'uow' | 'clock'>,
  caller: Caller,
  body: CreateLegalHoldBody,
): Promise<Outcome<LegalHold>> {
  if (!caller.isAdmin) return fail('admin_only');
  return ctx.uow.run(async (store) => {
    if (!(await targetExists(store, caller.tenantId, body))) return notFound();
    // After any purge of the tenant that is deciding now: what it removes, it removed before this hold existed.
    await store.legalHolds.lock(caller.tenantId);
    const hold = await store.legalHolds.create({
      tenantId: caller.tenantId,
      scope: body.scope,
      targetId: body.targetId,
      reason: body.reason,
      createdBy: caller.id,
      createdAt: ctx.clock.now(),
    });
    store.archive.append(holdEntry('hold.created', hold, caller, ctx.clock.now()));
    return ok(presentLegalHold(hold));
  });
}

/** Releases a hold; releasing one already released answers it as it stands and archives nothing again. */
export async function releaseLegalHold(
  ctx: Pick<AppContext<HoldsStore>, 'uow' | 'clock'>,
  caller: Caller,
  id: string,
): Promise<Outcome<LegalHold>> {
  if (!caller.isAdmin) return fail('admin_only');
  return ctx.uow.run(async (store) => {
    const hold = await store.legalHolds.byId(caller.tenantId, id);
    if (!hold) return notFound();
    if (hold.releasedAt) return ok(presentLegalHold(hold));
    const now = ctx.clock.now();
    const released = await store.legalHolds.release(caller.tenantId, id, caller.id, now);
    if (!released) {
      const current = await store.legalHolds.byId(caller.tenantId, id);
      return current ? ok(presentLegalHold(current)) : notFound();
    }
    store.archive.append(
      holdEntry('hold.released', released, caller, now, { heldSince: hold.createdAt.toISOString() }),
    );
    return ok(presentLegalHold(released));
  });
}

async function targetExists(store: HoldsStore, tenantId: string, target: HoldTarget): Promise<boolean> {
  switch (target.scope) {
    case 'contact':
      return (await store.contacts.byId(tenantId, target.targetId)) !== null;
    case 'thread':
      return (await store.threads.byId(tenantId, target.targetId)) !== null;
    case 'member':
      return (await store.members.byId(tenantId, target.targetId)) !== null;
  }
}

/** The archive record of a hold names its target as the record's contact, thread or subject member. */
function holdEntry(
  type: 'hold.created' | 'hold.released',
  hold: LegalHoldRecord,
  caller: Caller,
  at: Date,
  more: Record<string, unknown> = {},
): ArchiveEntry & { type: string } {
  return {
    tenantId: hold.tenantId,
    type,
    event: type,
    at,
    actorMemberId: caller.id,
    ...(hold.scope === 'contact' ? { contactId: hold.targetId } : {}),
    ...(hold.scope === 'thread' ? { threadId: hold.targetId } : {}),
    ...(hold.scope === 'member' ? { subjectMemberId: hold.targetId } : {}),
    details: { holdId: hold.id, scope: hold.scope, targetId: hold.targetId, reason: hold.reason, ...more },
  };
}
