import type { Clock, MemberRecord, Store, UnitOfWork } from '../ports/index.js';

/**
 * What every use case gets from the composition root. `S` is the store its transactions see: the core's by default, an
 * adapter's wider one (core ports plus what that adapter declares beside itself) in adapter code.
 */
export interface AppContext<S = Store> {
  uow: UnitOfWork<S>;
  clock: Clock;
  templates: {
    optIn: { name: string; language: string };
    resume: { name: string; language: string };
  };
}

/** The signed-in member on whose behalf a use case runs. */
export type Caller = MemberRecord;

export const pairKeyOf = (t: { tenantId: string; businessNumberId: string; contactId: string }) => ({
  tenantId: t.tenantId,
  businessNumberId: t.businessNumberId,
  contactId: t.contactId,
});

/** Singleton key of a pair's delivery job: one drain at a time per (business number, contact). */
export const deliverKey = (k: { businessNumberId: string; contactId: string }) =>
  `${k.businessNumberId}:${k.contactId}`;
