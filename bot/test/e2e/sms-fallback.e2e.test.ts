import { describe, expect, it } from 'vitest';
import { artifactPath } from './browser-support.js';
import { useTabInBrowser } from './tab-harness.js';

/**
 * The WhatsApp → SMS fallback and the carrier keywords (issue 15) in Debian's Chromium, as a member and the contact
 * live it: the opt-in can't reach the number on WhatsApp (131026, any sandbox number ending in 0000), the thread shows
 * one clear state with "Continue by SMS", the member texts, the contact's phone page shows the text with its delivery
 * report, the contact taps STOP and the member can't write, START and they can again.
 */

const tab = useTabInBrowser('sms', {
  WHATSAPP_CONTACT_INTERVAL_SECONDS: '0.05',
  WHATSAPP_CONTACT_BURST: '100',
});
const CONTACT = '+14155560000';

describe('the SMS fallback in a real browser (issue 15)', () => {
  it('offers SMS when WhatsApp cannot reach the contact, delivers the text, and obeys STOP and START', async () => {
    const alice = await tab.newPage('light', { width: 1400, height: 900 });
    await alice.goto(tab.running.url, { timeout: 30_000 });
    await alice.getByRole('button', { name: /^alice@contoso.test/ }).click();
    await alice.getByRole('tab', { name: 'My chats' }).waitFor();

    await alice.getByRole('button', { name: 'New message' }).first().click();
    await alice.getByLabel('To').fill('+1 415 556 0000');
    await alice.getByRole('button', { name: 'Start conversation' }).click();
    await alice.getByRole('button', { name: 'Send opt-in request' }).click();

    // One clear state: can't be reached, with the SMS offer; nothing about held messages or opt-in requests.
    const unreachable = alice.getByText('Can’t be reached on WhatsApp', { exact: false }).first();
    await unreachable.waitFor({ timeout: 20_000 });
    expect(await alice.getByText(/Opt-in requested/i).count()).toBe(0);
    await tab.shot(alice, 'unreachable-offer-light-1400');
    await alice.getByRole('button', { name: 'Continue by SMS' }).click();

    const message = alice.getByRole('textbox', { name: 'Message' });
    const conversation = alice.getByRole('list', { name: /Conversation with/ });
    await message.fill('We could not reach you on WhatsApp: is SMS fine?');
    await message.press('Enter');
    await conversation.getByText('We could not reach you on WhatsApp: is SMS fine?').waitFor();

    // The contact's phone page: the text arrives with its delivery report.
    const phone = await tab.newPage('light', { width: 1400, height: 1100 });
    await phone.goto(`${tab.running.url}/sandbox`, { timeout: 30_000 });
    const smsNumber = phone.getByRole('textbox', { name: 'Your number for SMS' });
    await smsNumber.fill(CONTACT);
    await smsNumber.dispatchEvent('change');
    const texts = phone.getByRole('list', { name: 'SMS texts' });
    await texts.getByText('We could not reach you on WhatsApp: is SMS fine?').waitFor();
    await texts.getByText(/delivered/).waitFor();
    await tab.shot(phone, 'phone-sms-delivered-light');

    // STOP: the member sees the contact opted out and can't write.
    await phone.getByRole('button', { name: 'STOP', exact: true }).click();
    await alice.getByText(/opted out, so you can’t message them/).waitFor({ timeout: 20_000 });
    await expect.poll(() => message.isDisabled().catch(() => true)).toBe(true);
    await tab.shot(alice, 'sms-opted-out-light-1400');

    // START: back in; the member's next text goes out and reaches the phone.
    await phone.getByRole('button', { name: 'START', exact: true }).click();
    await expect.poll(() => message.isEnabled().catch(() => false), { timeout: 20_000 }).toBe(true);
    await message.fill('Welcome back');
    await message.press('Enter');
    await texts.getByText('Welcome back').waitFor({ timeout: 20_000 });
    await phone.screenshot({ path: artifactPath('sms-phone-after-start-light.png'), fullPage: true });

    await alice.emulateMedia({ colorScheme: 'dark' });
    await alice.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Dark' });
    await alice.locator('[data-theme="dark"]').waitFor();
    await tab.shot(alice, 'sms-thread-dark-1400');
  }, 120_000);
});
