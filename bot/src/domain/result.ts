import type { ErrorCode } from '@bridgeline/shared';

/** Expected refusals are values, not exceptions: the caller maps `code` to a problem+json answer. */
export type Refusal = { ok: false; code: ErrorCode; detail?: string; rule?: string };
export type Decision<T extends object = object> = ({ ok: true } & T) | Refusal;

export function refuse(code: ErrorCode, detail?: string): Refusal {
  return detail === undefined ? { ok: false, code } : { ok: false, code, detail };
}

/** A message a data loss prevention rule blocks: which rule (`rule`, its name) and why, in words. */
export function refuseDlp(rule: string, detail: string): Refusal {
  return { ok: false, code: 'dlp_blocked', detail, rule };
}
