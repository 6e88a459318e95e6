import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { useTabInBrowser } from './tab-harness.js';

/**
 * The tab in Debian's Chromium against the real server (in-process, dev sign-in, the WhatsApp sandbox with the
 * contact's phone page at /sandbox): what a member does all day, end to end. Screenshots of the main screens, light
 * and dark, go to test-artifacts/.
 */

// The contact was typed as a number; their WhatsApp profile name may replace it once they write.
// The inbox writes a number for reading ("+1 415-555-0142"); before the profile name arrives the row shows it.
const CONTACT_NAME = /^(Dana Test|\+1[ -]?415[ -]?555[ -]?0142)$/;

/** A small PNG, as a member would pick from their disk. */
function aPhoto(): Buffer {
  const png = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([40, 120, 200, 255], i);
  return PNG.sync.write(png);
}

const tab = useTabInBrowser('tab', {
  // Meta's per-contact pacing (one message every 6 s after a burst) would only make the suite slow.
  WHATSAPP_CONTACT_INTERVAL_SECONDS: '0.05',
  WHATSAPP_CONTACT_BURST: '100',
});
const { newPage, shot } = tab;
const signedIn = (email: string, colorScheme: 'light' | 'dark', via?: 'picker' | 'typed', width?: number) =>
  tab.signedIn(email, colorScheme, { ...(via ? { via } : {}), ...(width ? { width } : {}) });

describe('the tab in a real browser', () => {
  it('lets a member start a WhatsApp thread, talk with the contact, share it and leave', async () => {
    const alice = await signedIn('alice@contoso.test', 'light');
    await expect.poll(() => alice.getByText('No conversations yet').count()).toBeGreaterThan(0);
    await shot(alice, 'inbox-empty-light');

    // New message to a number that has never opted in: the opt-in confirmation.
    await alice.getByRole('button', { name: 'New message' }).first().click();
    await alice.getByLabel('To').fill('+1 415 555 0142');
    await alice.getByRole('button', { name: 'Start conversation' }).click();
    await alice.getByText('Send the opt-in request?').waitFor();
    await shot(alice, 'opt-in-confirmation-light');
    await alice.getByRole('button', { name: 'Send opt-in request' }).click();

    // The thread opens; what Alice types now is held until the contact accepts.
    const message = alice.getByRole('textbox', { name: 'Message' });
    await message.fill('Hello Dana, this is Alice from Contoso.');
    await message.press('Enter');
    const conversation = alice.getByRole('list', { name: /Conversation with/ });
    await conversation.getByText('Hello Dana, this is Alice from Contoso.').waitFor();
    await conversation.getByText('Held — will be sent when the contact accepts the opt-in request').waitFor();
    // The inbox shows the new thread without a reload.
    await alice.getByRole('list', { name: 'Conversations' }).getByText(CONTACT_NAME).first().waitFor();
    await shot(alice, 'thread-waiting-for-opt-in-light');

    // On the contact's phone (the sandbox page) the opt-in request has arrived; they tap "Start conversation".
    const phone = await newPage('light');
    await phone.goto(`${tab.running.url}/sandbox`);
    await phone.getByRole('textbox', { name: 'Contact number' }).fill('+14155550142');
    await phone.getByRole('textbox', { name: 'Profile name' }).fill('Dana Test');
    await phone.getByRole('button', { name: 'Open chat' }).click();
    const handset = phone.getByRole('main', { name: "Contact's phone" });
    await handset.getByRole('button', { name: /Start conversation/ }).click();

    // The held message goes out; the phone has it open, so the ticks run sent → delivered → read.
    await handset.getByText('Hello Dana, this is Alice from Contoso.').waitFor();
    await conversation.getByRole('img', { name: 'Read' }).first().waitFor();

    // The contact writes back; Alice sends a photo with a caption and a text.
    await handset.getByRole('textbox', { name: 'Message' }).fill('Hi Alice! Happy to chat here.');
    await handset.getByRole('button', { name: 'Send', exact: true }).click();
    await conversation.getByText('Hi Alice! Happy to chat here.').waitFor();
    await alice
      .getByTestId('image-input')
      .setInputFiles({ name: 'form.png', mimeType: 'image/png', buffer: aPhoto() });
    await alice.getByRole('img', { name: 'Selected image form.png' }).waitFor();
    await alice.getByRole('textbox', { name: 'Caption' }).fill('The form to sign');
    await alice.getByRole('textbox', { name: 'Caption' }).press('Enter');
    await conversation.getByRole('button', { name: 'Open Photo: The form to sign' }).waitFor();
    await handset.getByRole('img', { name: 'The form to sign' }).waitFor();
    await message.fill('Great. I will send the documents today.');
    await message.press('Enter');
    await handset.getByText('Great. I will send the documents today.').waitFor();
    await expect
      .poll(() => conversation.getByRole('img', { name: 'Read' }).count())
      .toBeGreaterThanOrEqual(3);
    await shot(phone, 'sandbox-phone');
    await shot(alice, 'thread-light');

    // Alice adds Bob and shares the history.
    await alice.getByRole('button', { name: 'Conversation details' }).click();
    const details = alice.getByRole('complementary', { name: 'Conversation details' });
    await details.getByRole('button', { name: 'Add member' }).click();
    const picker = alice.getByRole('dialog');
    await picker.getByRole('radio', { name: /Bob Smith/ }).check();
    await picker.getByRole('switch', { name: 'Share chat history' }).check();
    await shot(alice, 'add-member-light');
    await picker.getByRole('button', { name: 'Add', exact: true }).click();
    await details.getByText('Members (2 of 10)').waitFor();
    await conversation.getByText('Alice Johnson added Bob Smith', { exact: false }).first().waitFor();
    await shot(alice, 'details-light');

    // Bob, in the dark theme, finds the thread live in his inbox with its history.
    const bob = await signedIn('bob@contoso.test', 'dark');
    await shot(bob, 'inbox-dark');
    await bob.getByRole('list', { name: 'Conversations' }).getByText(CONTACT_NAME).first().click();
    const bobsView = bob.getByRole('list', { name: /Conversation with/ });
    await bobsView.getByText('Hello Dana, this is Alice from Contoso.').waitFor();
    await shot(bob, 'thread-dark');

    // Bob adds Erin (a colleague the admin just enabled) without the history.
    const admin = await fetch(`${tab.running.url}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@contoso.test' }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const created = await fetch(`${tab.running.url}/api/v1/admin/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'erin@contoso.test',
        displayName: 'Erin Park',
        region: 'us',
        enabled: true,
      }),
    });
    expect(created.status).toBe(201);
    await bob.getByRole('button', { name: 'Conversation details' }).click();
    await bob.getByRole('button', { name: 'Add member' }).click();
    const bobsPicker = bob.getByRole('dialog');
    await bobsPicker.getByRole('radio', { name: /Erin Park/ }).check();
    await expect(bobsPicker.getByRole('switch', { name: 'Share chat history' }).isChecked()).resolves.toBe(
      false,
    );
    await expect(bobsPicker.getByRole('button', { name: 'Add', exact: true }).isEnabled()).resolves.toBe(
      true,
    );
    await shot(bob, 'add-member-dark');
    await bobsPicker.getByRole('button', { name: 'Add', exact: true }).click();
    await bob.getByText('Members (3 of 10)').waitFor();
    await shot(bob, 'details-dark');
    const bobsMessage = bob.getByRole('textbox', { name: 'Message' });
    await bobsMessage.fill('Welcome Erin: Dana is asking about the documents.');
    await bobsMessage.press('Enter');
    await bobsView.getByText('Welcome Erin: Dana is asking about the documents.').waitFor();

    // Erin sees only what happened since she joined.
    // Erin has Teams' narrow side pane: one column, the thread opens over the inbox.
    const erin = await signedIn('erin@contoso.test', 'light', 'typed', 420);
    await erin.getByRole('list', { name: 'Conversations' }).getByText(CONTACT_NAME).first().click();
    const erinsView = erin.getByRole('list', { name: /Conversation with/ });
    await erinsView.getByText('Welcome Erin: Dana is asking about the documents.').waitFor();
    await shot(erin, 'thread-narrow-light');
    await expect(erinsView.getByText('Hello Dana, this is Alice from Contoso.').count()).resolves.toBe(0);
    await expect(erinsView.getByText('Hi Alice! Happy to chat here.').count()).resolves.toBe(0);

    // Alice leaves: her inbox moves the thread to Left, the others and the contact are told.
    await details.getByRole('button', { name: 'Leave' }).click();
    await alice.getByRole('alertdialog').getByRole('button', { name: 'Leave' }).click();
    await alice.getByText('Choose a conversation, or start a new one.').waitFor();
    await bobsView.getByText('Alice Johnson left the conversation', { exact: false }).first().waitFor();
    await handset.getByText('Alice Johnson left the conversation', { exact: false }).first().waitFor();
    await alice.getByRole('tab', { name: 'Left' }).click();
    await alice.getByRole('list', { name: 'Conversations' }).getByText(CONTACT_NAME).first().waitFor();
    await shot(alice, 'inbox-left-light');

    // Outside Teams the member picks the theme; high contrast is one of them.
    await alice.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'High contrast' });
    await alice.locator('[data-theme="contrast"]').waitFor();
    await alice.getByRole('tab', { name: 'My chats' }).click();
    await alice.getByText('No conversations yet.').waitFor();
    // …and stays so: a refresh asked for while "Left" was shown must not fill "My chats" with its threads.
    await alice.waitForTimeout(700);
    await expect(alice.getByRole('list', { name: 'Conversations' }).count()).resolves.toBe(0);
    await shot(alice, 'inbox-contrast');
    await bob.getByText('Members (2 of 10)').waitFor();
    await shot(bob, 'thread-after-leave-dark');
  }, 120_000);
});
