import type { ContactRef, MemberRef, TabRef, ThreadRef } from '../../src/teams/cards/index.js';

/** Test data for the card builders, with overrides: `aThread({ channel: 'sms' })`. */

export const IDS = {
  thread: '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c',
  contact: '6a0b3c1d-2e4f-4a5b-8c6d-7e8f9a0b1c2d',
  clientMessage: '9b8a7c6d-5e4f-4321-8765-0fedcba98765',
  message: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  request: 'd4c3b2a1-f6e5-4d7c-9b8a-1f2e3d4c5b6a',
  alice: 'a11ce000-0000-4000-8000-000000000001',
  bob: 'b0b00000-0000-4000-8000-000000000002',
  carol: 'ca201000-0000-4000-8000-000000000003',
} as const;

export const RECIPIENT_USER_ID = '29:1XyZ-alice-teams-user-id';
export const TAB: TabRef = { appId: '7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b', entityId: 'inbox' };

export function aContact(overrides: Partial<ContactRef> = {}): ContactRef {
  return { id: IDS.contact, displayName: 'Dana Scully', phone: '+14155550142', ...overrides };
}

export function aThread(overrides: Partial<ThreadRef> = {}): ThreadRef {
  return { id: IDS.thread, channel: 'whatsapp', contact: aContact(), ...overrides };
}

export function aMember(memberId: string, displayName: string): MemberRef {
  return { memberId, displayName };
}

/** Text that would break a careless card: Markdown, JSON escapes, controls, emoji, and far too long. */
export function hostileText(chars: number): string {
  const unit = '[click](https://evil.test) **"\\\u0001\u2028😀漢';
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}
