import type { ErrorCode } from '@bridgeline/shared';
import type { Refusal } from '../domain/result.js';
import { refuse } from '../domain/result.js';

/** A use case answers a value or an expected refusal; unexpected failures are thrown. */
export type Outcome<T> = { ok: true; value: T } | Refusal;

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, detail?: string): Refusal => refuse(code, detail);
export const notFound = (): Refusal => refuse('not_found');
