import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArchiveExport } from '@bridgeline/shared';
import { aContact, anExport } from '../../test/builders.js';
import { fakeApi, problem, type Route } from '../../test/fake-api.js';
import { renderWithServices } from '../../test/render.js';
import { ExportsPanel } from './exports-panel.js';
import { EXPORT_POLL_MS } from './use-exports.js';

const exportsList = (list: ArchiveExport[]): Route => [
  'GET',
  '/admin/archive/exports',
  () => ({ body: list }),
];

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('exports', () => {
  it('refuses a range whose start is after its end before sending anything', async () => {
    const api = fakeApi([exportsList([])]);
    renderWithServices(<ExportsPanel />);
    await screen.findByText('No exports yet.');
    fireEvent.change(screen.getByLabelText(/^From/), { target: { value: '2025-03-10T09:00' } });
    fireEvent.change(screen.getByLabelText(/^To/), { target: { value: '2025-03-01T09:00' } });
    expect(screen.getByText('The start must be before the end.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Start export' }));
    expect(api.callsTo('POST', '/admin/archive/exports')).toHaveLength(0);
  });

  it('sends the range, the format and the filters picked, and shows the words of a refusal', async () => {
    const dana = aContact({ displayName: 'Dana Client' });
    const api = fakeApi([
      exportsList([]),
      ['GET', /^\/contacts\?query=dana/, () => ({ body: [dana] })],
      [
        'POST',
        '/admin/archive/exports',
        () =>
          problem(400, 'validation_failed', 'An export covers at most 366 days (ARCHIVE_EXPORT_MAX_DAYS).'),
      ],
    ]);
    renderWithServices(<ExportsPanel />);
    await screen.findByText('No exports yet.');
    fireEvent.change(screen.getByLabelText(/^From/), { target: { value: '2024-01-01T00:00' } });
    fireEvent.change(screen.getByLabelText(/^To/), { target: { value: '2025-06-01T00:00' } });
    await userEvent.click(screen.getByRole('radio', { name: /RSMF/ }));
    await userEvent.type(screen.getByLabelText('Only this contact'), 'dana');
    await userEvent.click(await screen.findByRole('button', { name: 'Dana Client' }));
    await userEvent.click(screen.getByRole('button', { name: 'Start export' }));

    expect(
      await screen.findByText(/An export covers at most 366 days \(ARCHIVE_EXPORT_MAX_DAYS\)\./),
    ).toBeTruthy();
    expect(api.callsTo('POST', '/admin/archive/exports')[0]?.body).toEqual({
      from: new Date('2024-01-01T00:00').toISOString(),
      to: new Date('2025-06-01T00:00').toISOString(),
      format: 'rsmf',
      contactId: dana.id,
    });
  });

  it('asks again every 2 s while an export runs, and stops once none does', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const id = '00000000-0000-4000-8000-0000000e0001';
    const counts = { total: 100, messages: 40, files: 1 };
    const answers: ArchiveExport[][] = [
      [anExport({ id, status: 'running', counts: { ...counts, records: 0 } })],
      [anExport({ id, status: 'running', counts: { ...counts, records: 50 } })],
      [anExport({ id, status: 'done', counts: { ...counts, records: 100 } })],
    ];
    const api = fakeApi([['GET', '/admin/archive/exports', () => ({ body: answers.shift() ?? [] })]]);
    const asked = () => api.callsTo('GET', '/admin/archive/exports').length;
    // The effects that set the next timer run first (act), then the clock moves on by one poll.
    const poll = async () => {
      await act(async () => undefined);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(EXPORT_POLL_MS);
      });
    };
    renderWithServices(<ExportsPanel />);

    expect(await screen.findByText('0 of 100 records')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Export progress' })).toBeTruthy();
    await poll();
    expect(await screen.findByText('50 of 100 records')).toBeTruthy();
    await poll();
    expect(await screen.findByText('100 records, 40 messages, 1 file')).toBeTruthy();
    expect(asked()).toBe(3);

    for (let i = 0; i < 5; i++) await poll();
    expect(asked()).toBe(3);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('downloads a finished export with the token and saves it under the server’s file name', async () => {
    const done = anExport();
    const zip = new Blob(['PK\u0003\u0004 manifest.json'], { type: 'application/zip' });
    const api = fakeApi([
      exportsList([
        done,
        anExport({ status: 'running', counts: { records: 3, total: null, messages: 0, files: 0 } }),
      ]),
      [
        'GET',
        `/admin/archive/exports/${done.id}/download`,
        () => ({
          body: zip,
          headers: { 'Content-Disposition': 'attachment; filename="bridgeline-archive-jsonl.zip"' },
        }),
      ],
    ]);
    const saved: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
    const objectUrl = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:http://tab.test/export');
    renderWithServices(<ExportsPanel />);

    // Only the finished export can be downloaded.
    expect(await screen.findAllByRole('button', { name: /^Download/ })).toHaveLength(1);
    expect(screen.getByText('3 records so far')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: /^Download/ }));

    await waitFor(() => expect(saved).toHaveLength(1));
    const [call] = api.callsTo('GET', `/admin/archive/exports/${done.id}/download`);
    expect(call?.headers.Authorization).toBe('Bearer test-token');
    const savedBlob = objectUrl.mock.calls[0]?.[0] as Blob;
    expect(new TextDecoder().decode(await savedBlob.arrayBuffer())).toBe('PK\u0003\u0004 manifest.json');
    expect(saved[0]).toEqual({
      href: 'blob:http://tab.test/export',
      download: 'bridgeline-archive-jsonl.zip',
    });
  });

  it('shows why an export failed, and offers no download for it nor for one whose zip expired', async () => {
    fakeApi([
      exportsList([
        anExport({
          status: 'failed',
          error: 'The export job gave up after its last retry: the database refused',
        }),
        anExport({ expiresAt: '2026-03-09T09:00:00.000Z', expiredAt: '2026-03-09T09:41:00.000Z' }),
        anExport({ expiresAt: '2026-03-16T09:00:00.000Z' }),
      ]),
    ]);
    renderWithServices(<ExportsPanel />);
    expect(
      await screen.findByText('The export job gave up after its last retry: the database refused'),
    ).toBeTruthy();
    expect(screen.getByText(/^Expired .*: the zip was removed$/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Download/ })).toHaveLength(1);
    expect(screen.getByText(/^Kept until /)).toBeTruthy();
  });
});
