import { describe, expect, it } from 'vitest';
import { useTabInBrowser } from './tab-harness.js';

/**
 * Conversation fidelity (issue 16) in Debian's Chromium against the real server with the WhatsApp sandbox, one walk
 * through the points a first-time user tripped over: the order the contact sees after the opt-in (3), the sandbox
 * clock (9), the resumed notice with nothing held (4), and search by message text and by a number written any way (1).
 * Screenshots under test-artifacts/ are named by point.
 */

const CONFIRMATION = 'Thank you: you can now receive messages from us here.';
const RESUMED =
  '[Auto Message] The contact has resumed the conversation. You can now continue messaging with them.';

const tab = useTabInBrowser('fidelity', {
  WHATSAPP_CONTACT_INTERVAL_SECONDS: '0.05',
  WHATSAPP_CONTACT_BURST: '100',
});
const newPage = (colorScheme: 'light' | 'dark', width: number) =>
  tab.newPage(colorScheme, { width, height: 900 });
const { shot } = tab;

describe('conversation fidelity in a real browser (issue 16)', () => {
  it('confirms the opt-in before the held messages, shows the resumed notice after a pause, finds threads by text and by number', async () => {
    const alice = await newPage('light', 1400);
    await alice.goto(tab.running.url, { timeout: 30_000 });
    await alice.getByRole('button', { name: /^alice@contoso.test/ }).click();
    await alice.getByRole('tab', { name: 'My chats' }).waitFor();

    // A number typed the way people write it; two messages held until the contact accepts.
    await alice.getByRole('button', { name: 'New message' }).first().click();
    await alice.getByLabel('To').fill('+1 (415) 555-0177');
    await alice.getByText('A new contact is created for +14155550177.').waitFor();
    await alice.getByRole('button', { name: 'Start conversation' }).click();
    await alice.getByRole('button', { name: 'Send opt-in request' }).click();
    const message = alice.getByRole('textbox', { name: 'Message' });
    const conversation = alice.getByRole('list', { name: /Conversation with/ });
    for (const text of ['First held message', 'Second held message']) {
      await message.fill(text);
      await message.press('Enter');
      await conversation.getByText(text).waitFor();
    }

    // Point 3: the contact accepts and reads the confirmation first, then the held messages in the order written.
    const phone = await newPage('light', 1400);
    await phone.goto(`${tab.running.url}/sandbox`, { timeout: 30_000 });
    await phone.getByRole('textbox', { name: 'Contact number' }).fill('+14155550177');
    await phone.getByRole('textbox', { name: 'Profile name' }).fill('Erik Test');
    await phone.getByRole('button', { name: 'Open chat' }).click();
    const handset = phone.getByRole('main', { name: "Contact's phone" });
    await handset.getByRole('button', { name: /Start conversation/ }).click();
    await handset.getByText('Second held message').waitFor();
    await handset.getByText(CONFIRMATION, { exact: false }).waitFor();
    const shown = (await handset.innerText()).replace(/\s+/g, ' ');
    const at = (s: string) => shown.indexOf(s);
    expect(at(CONFIRMATION)).toBeGreaterThan(-1);
    expect(at(CONFIRMATION)).toBeLessThan(at('First held message'));
    expect(at('First held message')).toBeLessThan(at('Second held message'));
    await shot(phone, 'point3-contact-order-light-1400');
    // …and the tab's thread shows them in that order: the opt-in, the confirmation, then the released messages.
    await conversation.getByText(CONFIRMATION, { exact: false }).waitFor();
    await expect
      .poll(async () => {
        const seen = (await conversation.innerText()).replace(/\s+/g, ' ');
        const i = (s: string) => seen.indexOf(s);
        return [i('opted in. Held messages') < i(CONFIRMATION), i(CONFIRMATION) < i('First held message')];
      })
      .toEqual([true, true]);
    await shot(alice, 'point3-thread-order-light-1400');

    // Point 9: the sandbox clock moves a day ahead; the phone says how long ago the contact last wrote.
    await phone
      .getByRole('form', { name: 'Sandbox clock' })
      .getByRole('button', { name: 'Advance the clock' })
      .click();
    await phone.getByText(/moved 25 h ahead/).waitFor();
    await handset.getByText(/You last wrote 25 hours ago/).waitFor();
    await shot(phone, 'point9-sandbox-clock-light-1400');

    // Point 4: the contact writes after more than 24 h, nothing held: members get the [Auto Message] notice.
    await handset.getByRole('textbox', { name: 'Message' }).fill('Back again, about the Zanzibar account');
    await handset.getByRole('button', { name: 'Send', exact: true }).click();
    await conversation.getByText('Back again, about the Zanzibar account').waitFor();
    await conversation.getByText(RESUMED).waitFor();
    await shot(alice, 'point4-resumed-notice-light-1400');

    // Point 1: search by words of a message and by the number written with brackets and dashes.
    const search = alice.getByRole('searchbox', { name: 'Search conversations' });
    const rows = alice.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
    await search.fill('zanzib');
    await expect.poll(() => rows.count()).toBe(1);
    await shot(alice, 'point1-search-text-light-1400');
    await search.fill('(415) 555-0177');
    await expect.poll(() => rows.count()).toBe(1);
    await search.fill('nowhere-to-be-found');
    await alice.getByText(/No conversations match/).waitFor();
    await search.fill('zanzib');
    await expect.poll(() => rows.count()).toBe(1);
    // Point 11: the list is one tab stop after the search box and the queue tabs; names and previews are dir="auto".
    await search.focus();
    await alice.keyboard.press('Tab');
    await alice.keyboard.press('Tab');
    await expect.poll(() => alice.locator('button[data-thread-row]:focus').count()).toBe(1);
    await expect(rows.first().getByText('Erik Test').getAttribute('dir')).resolves.toBe('auto');
    await shot(alice, 'point11-row-focused-light-1400');
    for (const [label, theme] of [
      ['dark', 'Dark'],
      ['contrast', 'High contrast'],
    ] as const) {
      await alice.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
      await alice.locator(`[data-theme="${label}"]`).waitFor();
      await shot(alice, `point1-search-text-${label}-1400`);
    }
    // Teams' narrow pane: one column, the open thread over the inbox.
    await alice.setViewportSize({ width: 400, height: 800 });
    await conversation.getByText(RESUMED).waitFor();
    await shot(alice, 'point4-resumed-notice-contrast-400');
  }, 120_000);
});
