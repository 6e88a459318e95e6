import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AdminTemplate, HealthAlert, RateCard, Usage } from '@bridgeline/shared';
import { fakeApi } from '../../test/fake-api.js';
import { renderWithServices } from '../../test/render.js';
import { TemplatesArea, UsageArea } from './health-area.js';

const paused: AdminTemplate = {
  name: 'bridgeline_opt_in',
  language: 'en_US',
  category: 'UTILITY',
  status: 'PAUSED',
  quality: 'GREEN',
  reason: null,
  disableDate: null,
  sendable: false,
  usedFor: ['opt_in'],
  updatedAt: '2026-11-10T10:00:00.000Z',
};
const alert: HealthAlert = {
  kind: 'template_unsendable',
  severity: 'error',
  title: 'The opt-in template "bridgeline_opt_in" cannot be sent (PAUSED)',
  breaks: 'members cannot ask new contacts to opt in',
  action: 'Submit a replacement template.',
};
const row = (key: string, messages: number, charged: number, estimated: number | null) => ({
  key,
  label: key,
  messages,
  charged,
  estimated,
});
const usage: Usage = {
  month: '2026-10',
  currency: 'USD',
  total: row('all', 5, 4, null),
  byCategory: [row('service', 5, 4, null)],
  byNumber: [],
  byMember: [],
  chargedSinceOctober2026: 4,
  windowChargesFrom: '2026-10-01',
};
const card: RateCard = { currency: 'USD', rates: [], updatedAt: null };

describe('the WhatsApp health sections', () => {
  it('shows the banner of what breaks, and a paused opt-in template as not sendable', async () => {
    fakeApi([
      ['GET', '/admin/alerts', () => ({ body: [alert] })],
      ['GET', '/admin/templates', () => ({ body: [paused] })],
    ]);
    renderWithServices(<TemplatesArea />);
    const banner = await screen.findByRole('region', { name: 'WhatsApp account alerts' });
    expect(within(banner).getByText(alert.title)).toBeTruthy();
    expect(within(banner).getByText(/cannot ask new contacts to opt in/)).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Templates' });
    const cells = within(table)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(expect.arrayContaining(['PAUSED', 'No', 'Opt-in request']));
  });

  it('says how many messages are charged only because of the October 2026 change, and saves a rate card', async () => {
    let saved: unknown = null;
    fakeApi([
      ['GET', /^\/admin\/usage/, () => ({ body: usage })],
      ['GET', '/admin/rate-card', () => ({ body: card })],
      ['PUT', '/admin/rate-card', (call) => ((saved = call.body), { body: card })],
    ]);
    renderWithServices(<UsageArea />);
    expect(
      await screen.findByText(/4 of this month’s charged messages are charged only because of that change/),
    ).toBeTruthy();
    await userEvent.type(await screen.findByLabelText('Service'), '0.01');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Rate card saved. The change is archived.');
    expect(saved).toEqual({ currency: 'USD', rates: [{ category: 'service', price: 0.01 }] });
  });
});
