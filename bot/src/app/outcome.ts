import type { ErrorCode } from '@bridgeline/shared';
import type { Refusal } from '../domain/result.js';
import { refuse } from '../domain/result.js';
import { StoreRefusal } from '../ports/index.js';

/** A use case answers a value or an expected refusal; unexpected failures are thrown. */
export type Outcome<T> = { ok: true; value: T } | Refusal;

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, detail?: string): Refusal => refuse(code, detail);
export const notFound = (): Refusal => refuse('not_found');

/**
 * Runs a use case's transaction and answers a rule the database enforced (`StoreRefusal`, thrown from inside the
 * transaction, which has rolled back) as the same refusal the domain gives.
 */
export async function answerStoreRefusals<T>(work: Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof StoreRefusal) return fail(error.code, error.detail);
    throw error;
  }
}
