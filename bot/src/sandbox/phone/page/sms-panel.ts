import { $, api, el, errorText } from './dom.js';

/**
 * The SMS side of the contact's phone (SMS_PROVIDER=sandbox, docs/sandbox.md): the texts of one number with their
 * delivery reports, a box to text the business (STOP, START and HELP are one tap), the delivery report the next
 * business texts get, and "unreachable on WhatsApp" for the same number.
 */
interface SmsBubble {
  id: string;
  from: 'business' | 'contact';
  text: string;
  at: number;
  state: 'sent' | 'delivered' | 'failed';
}
interface SmsView {
  chats: { contactPhone: string; businessPhone: string; messages: SmsBubble[] }[];
  settings: { deliveryReports: 'delivered' | 'failed' | 'off' };
}

const number = $<HTMLInputElement>('sms-number');
const list = $<HTMLUListElement>('sms-messages');
const note = $<HTMLParagraphElement>('sms-note');

const say = (text: string) => (note.textContent = text);

async function refresh(): Promise<void> {
  let view: SmsView;
  try {
    view = await api<SmsView>('GET', '/sandbox/sms');
  } catch {
    say('The SMS sandbox is off (SMS_PROVIDER=acs).');
    return;
  }
  $<HTMLSelectElement>('sms-reports').value = view.settings.deliveryReports;
  const phone = number.value.trim();
  const texts = view.chats.filter((c) => c.contactPhone === phone).flatMap((c) => c.messages);
  list.replaceChildren(
    ...texts.map((m) =>
      el('li', { class: `sms ${m.from}` }, [
        el('span', { text: m.text, dir: 'auto' }),
        el('small', { text: m.from === 'business' ? ` · ${m.state}` : ' · you' }),
      ]),
    ),
  );
}

async function send(text: string): Promise<void> {
  try {
    await api('POST', '/sandbox/sms/messages', { from: number.value.trim(), text });
    say(`Texted “${text}”.`);
    await refresh();
  } catch (e) {
    say(errorText(e));
  }
}

$<HTMLFormElement>('sms-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const box = $<HTMLInputElement>('sms-text');
  const text = box.value.trim();
  if (text) void send(text).then(() => (box.value = ''));
});
for (const word of ['STOP', 'START', 'HELP'])
  $<HTMLButtonElement>(`sms-${word.toLowerCase()}`).addEventListener('click', () => void send(word));
$<HTMLSelectElement>('sms-reports').addEventListener('change', (event) => {
  const deliveryReports = (event.target as HTMLSelectElement).value;
  api('PUT', '/sandbox/sms/settings', { deliveryReports }).then(
    () => say(`Next texts get a ${deliveryReports} report.`),
    (e: unknown) => say(errorText(e)),
  );
});
$<HTMLButtonElement>('sms-unreachable').addEventListener('click', () => {
  const digits = number.value.replace(/\D/g, '');
  api<{ settings: { unreachable: string[] } }>('GET', '/sandbox/settings')
    .then(({ settings }) =>
      api('PUT', '/sandbox/settings', { unreachable: [...new Set([...settings.unreachable, digits])] }),
    )
    .then(
      () => say(`+${digits} can't be reached on WhatsApp now (131026).`),
      (e: unknown) => say(errorText(e)),
    );
});
number.addEventListener('change', () => void refresh());
setInterval(() => void refresh(), 1500);
void refresh();
