import { randomBytes, randomInt } from 'node:crypto';

/** A message id shaped like Meta's (`wamid.` + base64 of an opaque key). */
export function newWamid(): string {
  return `wamid.HBgL${randomBytes(24).toString('base64url')}`;
}

/** Media ids are 15–16 digit numbers at Meta. */
export function newMediaId(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`;
}

/** Graph's trace id, included in every error body. */
export function newTraceId(): string {
  return randomBytes(16).toString('base64url').slice(0, 23);
}
