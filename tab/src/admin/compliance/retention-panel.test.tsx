import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ArchiveSettingsView } from '@bridgeline/shared';
import { fakeApi, problem } from '../../test/fake-api.js';
import { renderWithServices } from '../../test/render.js';
import { RetentionPanel } from './retention-panel.js';
import { retentionWords } from './words.js';

const settings = (view: Partial<ArchiveSettingsView> = {}): ArchiveSettingsView => ({
  retentionDays: 2192,
  journal: { enabled: false },
  ...view,
});

describe('retention', () => {
  it('says the years a number of days amounts to', () => {
    expect(retentionWords(2192)).toBe('6 years');
    expect(retentionWords(1096)).toBe('3 years');
    expect(retentionWords(365)).toBe('1 year');
    expect(retentionWords(2557)).toBe('7 years');
    expect(retentionWords(913)).toBe('2.5 years');
    expect(retentionWords(90)).toBe('3 months');
    expect(retentionWords(7)).toBe('7 days');
  });

  it('shows the retention in years (6 by default) and saves the days and the journal switch', async () => {
    const api = fakeApi([
      ['GET', '/admin/archive/settings', () => ({ body: settings() })],
      ['PUT', '/admin/archive/settings', (call) => ({ body: call.body })],
    ]);
    renderWithServices(<RetentionPanel />);
    const days = (await screen.findByLabelText(/^Keep records for/)) as HTMLInputElement;
    expect(days.value).toBe('2192');
    expect(screen.getByText('That is 6 years.')).toBeTruthy();

    await userEvent.clear(days);
    await userEvent.type(days, '2557');
    expect(screen.getByText('That is 7 years.')).toBeTruthy();
    await userEvent.click(screen.getByRole('switch', { name: /Journal every message/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Retention settings saved.')).toBeTruthy();
    expect(api.callsTo('PUT', '/admin/archive/settings')[0]?.body).toEqual({
      retentionDays: 2557,
      journal: { enabled: true },
    });
  });

  it('refuses days it cannot save before sending, and shows the server’s words when it refuses', async () => {
    const api = fakeApi([
      ['GET', '/admin/archive/settings', () => ({ body: settings() })],
      [
        'PUT',
        '/admin/archive/settings',
        () =>
          problem(400, 'validation_failed', 'The journal is not configured: set ARCHIVE_JOURNAL_SMTP_URL.'),
      ],
    ]);
    renderWithServices(<RetentionPanel />);
    const days = await screen.findByLabelText(/^Keep records for/);
    await userEvent.clear(days);
    await userEvent.type(days, '0');
    expect(screen.getByText('Keep records from 1 to 36,500 days (100 years).')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);

    await userEvent.clear(days);
    await userEvent.type(days, '3650');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/The journal is not configured: set ARCHIVE_JOURNAL_SMTP_URL\./),
    ).toBeTruthy();
    await waitFor(() => expect(api.callsTo('PUT', '/admin/archive/settings')).toHaveLength(1));
    expect(screen.queryByText('Retention settings saved.')).toBeNull();
  });
});
