import type { SettingsView } from './phone-api.js';
import { $, api, el, errorText } from './dom.js';

/** The right-hand panel: the simulated Cloud API's settings (changes apply at once) and the recent webhooks. */

const settingsForm = $<HTMLFormElement>('settings');
const field = (name: string) => settingsForm.elements.namedItem(name) as HTMLInputElement;
const NUMBERS = ['latencyMs', 'errorRate', 'throughputPerSecond', 'statusDelayMs'] as const;
export async function loadSettings(): Promise<void> {
  const view = await api<SettingsView>('GET', '/sandbox/settings');
  const s = view.settings;
  for (const k of NUMBERS) if (document.activeElement !== field(k)) field(k).value = String(s[k]);
  if (document.activeElement !== field('unreachable')) field('unreachable').value = s.unreachable.join(', ');
  field('failuresAs').value = s.failuresAs;
  field('webhooks').checked = s.webhooks;
  const hooks = $('hooks');
  hooks.replaceChildren();
  if (view.recentWebhooks.length === 0) hooks.appendChild(el('li', { class: 'empty', text: 'None yet.' }));
  for (const h of view.recentWebhooks.slice(0, 20)) {
    const ok = typeof h.status === 'number' && h.status < 300;
    const status = String(h.status) + (h.attempts > 1 ? ' ×' + h.attempts : '');
    hooks.appendChild(
      el('li', {}, [
        el('span', { text: new Date(h.at).toLocaleTimeString() + ' ' + h.kind }),
        el('span', { class: ok ? '' : 'bad', text: status }),
      ]),
    );
  }
}
settingsForm.addEventListener('change', () => {
  const number = (k: (typeof NUMBERS)[number]) => Number(field(k).value);
  api('PUT', '/sandbox/settings', {
    latencyMs: number('latencyMs'),
    errorRate: number('errorRate'),
    throughputPerSecond: number('throughputPerSecond'),
    statusDelayMs: number('statusDelayMs'),
    unreachable: field('unreachable')
      .value.split(',')
      .map((s) => s.replace(/\D/g, ''))
      .filter(Boolean),
    failuresAs: field('failuresAs').value,
    webhooks: field('webhooks').checked,
  })
    .then(() => ($('settings-note').textContent = 'Saved.'))
    .catch((e: unknown) => ($('settings-note').textContent = errorText(e)));
});

/** The sandbox clock (issue 16): how far it was moved, and a control to move it further. */
const clockForm = $<HTMLFormElement>('clock');
export async function loadClock(): Promise<void> {
  const c = await api<{ now: string; offsetHours: number }>('GET', '/sandbox/clock').catch(() => null);
  if (!c) return clockForm.setAttribute('hidden', '');
  const moved = c.offsetHours ? `, moved ${Math.round(c.offsetHours)} h ahead` : '';
  $('clock-now').textContent = `Clock: ${new Date(c.now).toLocaleString()}${moved}.`;
}
clockForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const hours = Number((clockForm.elements.namedItem('hours') as HTMLInputElement).value);
  api('POST', '/sandbox/clock', { hours })
    .then(() => loadClock())
    .then(() => document.dispatchEvent(new Event('sandbox-clock')))
    .catch((e: unknown) => ($('clock-now').textContent = errorText(e)));
});
