import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ArchiveVerifyResult } from '@bridgeline/shared';
import { HEAD, anArchiveHealth } from '../../test/builders.js';
import { fakeApi } from '../../test/fake-api.js';
import { renderWithServices } from '../../test/render.js';
import { ArchiveHealthPanel } from './archive-health-panel.js';

const verified = (overrides: Partial<ArchiveVerifyResult> = {}): ArchiveVerifyResult => ({
  intact: true,
  records: 1204,
  head: HEAD,
  checkpoint: { seq: 1200, at: new Date().toISOString() },
  brokenAt: null,
  verifiedAt: new Date().toISOString(),
  ...overrides,
});

describe('archive health', () => {
  it('shows the records, the head shortened, the last checkpoint and each feed’s backlog, lag and last error', async () => {
    fakeApi([
      [
        'GET',
        '/admin/archive',
        () => ({
          body: anArchiveHealth({
            sinks: [
              {
                sink: 'journal',
                configured: true,
                enabled: true,
                backlog: 12,
                lastDeliveredSeq: 1192,
                lastDeliveredAt: new Date().toISOString(),
                lagSeconds: 3 * 3600 + 5 * 60,
                failures: 4,
                lastError: '421 mail.example.com: service not available',
              },
              {
                sink: 'crm',
                configured: false,
                enabled: false,
                backlog: 0,
                lastDeliveredSeq: 0,
                lastDeliveredAt: null,
                lagSeconds: 0,
                failures: 0,
                lastError: null,
              },
            ],
          }),
        }),
      ],
    ]);
    renderWithServices(<ArchiveHealthPanel />);
    expect(await screen.findByText('1,204')).toBeTruthy();
    expect(screen.getByText('ab12cd34ef56…').getAttribute('title')).toBe(HEAD);
    expect(screen.getByText(/^Record 1,200, signed/)).toBeTruthy();
    expect(screen.getByText('Never verified')).toBeTruthy();
    const journal = screen.getByRole('row', { name: /Journal \(SMTP\)/ });
    expect(journal.textContent).toContain('12 records');
    expect(journal.textContent).toContain('3 h 5 min');
    expect(journal.textContent).toContain('421 mail.example.com: service not available');
    expect(screen.getByRole('row', { name: /CRM push/ }).textContent).toContain('Not configured');
  });

  it('Verify now says in words that the archive is intact, with a spinner meanwhile', async () => {
    let answer: (result: ArchiveVerifyResult) => void = () => undefined;
    fakeApi([
      ['GET', '/admin/archive', () => ({ body: anArchiveHealth() })],
      [
        'GET',
        '/admin/archive/verify',
        () => new Promise((resolve) => (answer = (body) => resolve({ body }))),
      ],
    ]);
    renderWithServices(<ArchiveHealthPanel />);
    await screen.findByText('1,204');
    expect(
      screen.getByText('No outward feed (SMTP journal, CRM push) is set up on this server.'),
    ).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    expect(await screen.findByText('Verifying every record…')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Verify now' }) as HTMLButtonElement).disabled).toBe(true);
    answer(verified());
    expect(await screen.findByText('Archive intact: 1,204 records')).toBeTruthy();
    expect(screen.queryByText('Verifying every record…')).toBeNull();
  });

  it('Verify now says at which record the archive is broken and why', async () => {
    fakeApi([
      ['GET', '/admin/archive', () => ({ body: anArchiveHealth() })],
      [
        'GET',
        '/admin/archive/verify',
        () => ({
          body: verified({
            intact: false,
            brokenAt: { seq: 17, reason: 'edited content (the record does not match its hash)' },
          }),
        }),
      ],
    ]);
    renderWithServices(<ArchiveHealthPanel />);
    await screen.findByText('1,204');
    await userEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    const words = 'Archive broken at record 17: edited content (the record does not match its hash)';
    expect(await screen.findByText(words)).toBeTruthy();
    // The last verification in the facts follows the answer.
    await waitFor(() => expect(screen.queryByText('Never verified')).toBeNull());
    expect(screen.getByText(new RegExp(`^${words.replace(/[()]/g, '\\$&')} \\(`))).toBeTruthy();
  });
});
