/**
 * The rules of the organisation's settings and business numbers (docs/admin.md "Settings", "Business numbers"). Pure:
 * the use cases read the facts and apply what these say.
 */

import { refuse, type Decision } from './result.js';

/** WhatsApp switched off for the organisation: nothing new goes out on WhatsApp; SMS and inbound go on. */
export function whatsappAllowed(input: {
  channel: 'whatsapp' | 'sms';
  tenantWhatsappEnabled: boolean | undefined;
}): Decision {
  if (input.channel !== 'whatsapp' || input.tenantWhatsappEnabled !== false) return { ok: true };
  return refuse(
    'whatsapp_disabled',
    'An admin switched WhatsApp messaging off for your organisation (Admin → Settings). Conversations stay ' +
      'readable and contacts can still write; nothing is sent on WhatsApp until it is switched on again.',
  );
}

/** A disabled business number starts no new conversation; the ones already on it still receive and deliver. */
export function numberStartsThreads(number: {
  enabled?: boolean | undefined;
  displayPhone: string;
  channel: 'whatsapp' | 'sms';
}): Decision {
  if (number.enabled !== false) return { ok: true };
  const what = number.channel === 'whatsapp' ? 'WhatsApp number' : 'SMS number';
  return refuse(
    'number_disabled',
    `The ${what} ${number.displayPhone} is switched off by an admin (Admin → Numbers), so no new ` +
      'conversation can start on it. Conversations already on it go on. Ask your admin to switch it on.',
  );
}

/**
 * "Restrict incoming" (Movius' term): a contact the organisation never messaged cannot open a conversation with
 * members. Their message is stored, archived and shown like any other, but the new thread it opens is restricted:
 * it waits in the Unassigned queue for an admin of the region, whom only admins see and claim. A contact the
 * organisation has messaged before (any member, any number, any channel) is not a stranger.
 */
export function incomingRestricted(input: {
  restrictIncoming: boolean | undefined;
  organisationMessagedContact: boolean;
}): boolean {
  return input.restrictIncoming === true && !input.organisationMessagedContact;
}

/** Who may see and claim an Unassigned thread of their region: anyone enabled; a restricted one, admins only. */
export function mayClaim(
  thread: { restricted?: boolean | undefined },
  caller: { isAdmin: boolean },
): boolean {
  return thread.restricted !== true || caller.isAdmin;
}

/** A member just enabled (off → on) gets the first-run notice once, in the tab and as a bot card. */
export function justEnabled(before: { enabled: boolean }, after: { enabled: boolean }): boolean {
  return !before.enabled && after.enabled;
}
