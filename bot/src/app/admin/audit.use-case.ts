import type { AuditEntry, AuditPage } from '@bridgeline/shared';
import type { AuditRecord } from '../../ports/index.js';
import type { Caller } from '../context.js';
import { fail, ok, type Outcome } from '../outcome.js';
import type { AdminContext, AdminStoreAll } from './admin-context.js';

/**
 * The audit trail of admin changes (docs/admin.md "Audit"): the archive's `admin.*` records of the tenant, newest
 * first, a page at a time. It is read from the archive itself, so what it lists is what the hash chain sealed.
 */
export const AUDIT_PAGE = 50;

type Payload = {
  actor?: { id?: unknown; email?: unknown; displayName?: unknown } | null;
  subject?: { email?: unknown; displayName?: unknown } | null;
  businessNumber?: { phone?: unknown } | null;
  details?: Record<string, unknown> | null;
};

export function presentAudit(r: AuditRecord): AuditEntry {
  const p = r.payload as Payload;
  const actor = p.actor && typeof p.actor.id === 'string' ? p.actor : null;
  const subject =
    (typeof p.subject?.displayName === 'string' ? p.subject.displayName : null) ??
    (typeof p.businessNumber?.phone === 'string' ? p.businessNumber.phone : null);
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    type: r.type,
    actor: actor
      ? {
          id: String(actor.id),
          email: String(actor.email ?? ''),
          displayName: String(actor.displayName ?? ''),
        }
      : null,
    subject,
    details: p.details ?? {},
  };
}

export async function listAudit(
  ctx: AdminContext<Pick<AdminStoreAll, 'audit'>>,
  caller: Caller,
  cursor: string | undefined,
): Promise<Outcome<AuditPage>> {
  if (!caller.isAdmin) return fail('admin_only');
  const before = cursor === undefined ? null : Number(cursor);
  const rows = await ctx.uow.read((store) => store.audit.page(caller.tenantId, before, AUDIT_PAGE + 1));
  const page = rows.slice(0, AUDIT_PAGE);
  return ok({
    items: page.map(presentAudit),
    nextCursor: rows.length > AUDIT_PAGE ? String(page[page.length - 1]!.seq) : null,
  });
}
