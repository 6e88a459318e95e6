import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { aContact, aMe, aThread } from '../test/builders.js';
import { fakeApi, problem } from '../test/fake-api.js';
import { renderWithServices } from '../test/render.js';
import { NewMessageDialog } from './new-message-dialog.js';

describe('new message', () => {
  it('asks to confirm the opt-in when the API answers consent_required', async () => {
    const created = aThread({ consent: 'requested' });
    const api = fakeApi([
      ['GET', /^\/phone-numbers\/check/, () => ({ body: { phone: '+442079460958', reason: null } })],
      [
        'POST',
        '/threads',
        (call) =>
          (call.body as { sendOptIn?: boolean }).sendOptIn
            ? { status: 201, body: created }
            : problem(409, 'consent_required'),
      ],
    ]);
    const onCreated = vi.fn();
    renderWithServices(<NewMessageDialog start={{}} onClose={() => undefined} onCreated={onCreated} />);
    await userEvent.type(screen.getByRole('textbox', { name: /To/ }), '+44 20 7946 0958');
    await userEvent.click(screen.getByRole('button', { name: 'Start conversation' }));
    expect(await screen.findByText('Send the opt-in request?')).toBeTruthy();
    expect(onCreated).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Send opt-in request' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(api.callsTo('POST', '/threads').map((c) => c.body)).toEqual([
      { channel: 'whatsapp', phone: '+442079460958' },
      { channel: 'whatsapp', phone: '+442079460958', sendOptIn: true },
    ]);
  });

  it('starts a thread with a contact found by name', async () => {
    const dana = aContact({ displayName: 'Dana Client' });
    const created = aThread({ contact: dana });
    const api = fakeApi([
      ['GET', /^\/contacts\?query=Dan/, () => ({ body: { items: [dana], nextCursor: null } })],
      ['POST', '/threads', () => ({ status: 201, body: created })],
    ]);
    const onCreated = vi.fn();
    renderWithServices(<NewMessageDialog start={{}} onClose={() => undefined} onCreated={onCreated} />);
    await userEvent.type(screen.getByRole('textbox', { name: /To/ }), 'Dan');
    await userEvent.click(await screen.findByRole('button', { name: /Dana Client/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Start conversation' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(api.callsTo('POST', '/threads')[0]?.body).toEqual({ channel: 'whatsapp', contactId: dana.id });
  });

  it('refuses a phone number without its country code', async () => {
    const api = fakeApi([['GET', /^\/contacts/, () => ({ body: [] })]]);
    renderWithServices(<NewMessageDialog start={{}} onClose={() => undefined} onCreated={() => undefined} />);
    await userEvent.type(screen.getByRole('textbox', { name: /To/ }), '07700 900123');
    await userEvent.click(screen.getByRole('button', { name: 'Start conversation' }));
    expect(await screen.findByText(/Start with the country code, \+ or 00/)).toBeTruthy();
    expect(api.callsTo('POST', '/threads')).toHaveLength(0);
  });

  it('promises a new contact only for a number the server accepts, and says why it refuses one', async () => {
    fakeApi([
      ['GET', /^\/contacts/, () => ({ body: [] })],
      [
        'GET',
        /^\/phone-numbers\/check\?phone=%2B44\+7911/,
        () => ({
          body: {
            phone: null,
            reason: '+447911654321 is not a United Kingdom number in use: check the digits after +44.',
          },
        }),
      ],
      [
        'GET',
        /^\/phone-numbers\/check\?phone=%2B44\+20/,
        () => ({ body: { phone: '+442079460958', reason: null } }),
      ],
    ]);
    renderWithServices(<NewMessageDialog start={{}} onClose={() => undefined} onCreated={() => undefined} />);
    const to = screen.getByRole('textbox', { name: /To/ });
    await userEvent.type(to, '+44 7911 654321');
    expect(await screen.findByText(/is not a United Kingdom number in use/)).toBeTruthy();
    expect(screen.queryByText(/A new contact is created/)).toBeNull();
    await userEvent.clear(to);
    await userEvent.type(to, '+44 20 7946 0958');
    expect(await screen.findByText('A new contact is created for +442079460958.')).toBeTruthy();
  });

  it('shows at the field why the server refused a number that only looked right', async () => {
    const reason = 'Enter a valid phone number with its country code, e.g. +44 20 7946 0958.';
    fakeApi([
      ['GET', /^\/contacts/, () => ({ body: { items: [], nextCursor: null } })],
      ['POST', '/threads', () => problem(400, 'validation_failed', reason)],
    ]);
    const onCreated = vi.fn();
    renderWithServices(<NewMessageDialog start={{}} onClose={() => undefined} onCreated={onCreated} />);
    const to = screen.getByRole('textbox', { name: /To/ });
    await userEvent.type(to, '+44 7700 900123');
    await userEvent.click(screen.getByRole('button', { name: 'Start conversation' }));
    expect(await screen.findByText(reason)).toBeTruthy();
    await waitFor(() => expect(to.getAttribute('aria-invalid')).toBe('true'));
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('offers SMS when the contact cannot be reached on WhatsApp and the member has an SMS number', async () => {
    const dana = aContact();
    const sms = aThread({ channel: 'sms', contact: dana });
    const api = fakeApi([
      [
        'POST',
        '/threads',
        (call) =>
          (call.body as { channel: string }).channel === 'sms'
            ? { status: 201, body: sms }
            : problem(409, 'unreachable'),
      ],
    ]);
    const onCreated = vi.fn();
    renderWithServices(
      <NewMessageDialog start={{ contact: dana }} onClose={() => undefined} onCreated={onCreated} />,
      {
        me: aMe({ smsNumber: '+15550100' }),
      },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Start conversation' }));
    expect(await screen.findByText(/can’t be reached on WhatsApp/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Continue by SMS' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(sms));
    expect(api.callsTo('POST', '/threads')[1]?.body).toEqual({ channel: 'sms', contactId: dana.id });
  });

  it('keeps SMS off for a member without an SMS number', () => {
    fakeApi([]);
    renderWithServices(<NewMessageDialog start={{}} onClose={() => undefined} onCreated={() => undefined} />);
    expect((screen.getByRole('radio', { name: 'SMS' }) as HTMLInputElement).disabled).toBe(true);
  });
});
