import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, problem } from '../test/fake-api.js';
import { renderWithServices } from '../test/render.js';
import { Composer } from './composer.js';

/** The first bytes of a real PNG, so the content check lets the file through. */
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('composer', () => {
  it('uploads an image, previews it and sends it with its caption', async () => {
    const api = fakeApi([
      ['POST', '/media', () => ({ status: 201, body: { mediaId: '00000000-0000-4000-8000-0000000000aa' } })],
    ]);
    const onSend = vi.fn();
    renderWithServices(<Composer blockedReason={null} channel="whatsapp" onSend={onSend} />);
    const file = new File([PNG_BYTES], 'cheque.png', { type: 'image/png' });
    await userEvent.upload(screen.getByTestId('image-input'), file);
    expect(await screen.findByRole('img', { name: 'Selected image cheque.png' })).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Caption' }), 'Front side');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(onSend).toHaveBeenCalled());
    expect(api.callsTo('POST', '/media')).toHaveLength(1);
    expect(onSend.mock.calls[0]?.[0]).toMatchObject({
      mediaId: '00000000-0000-4000-8000-0000000000aa',
      caption: 'Front side',
    });
  });

  it('offers only text in an SMS conversation: no image, no template', async () => {
    fakeApi([]);
    const onSend = vi.fn();
    renderWithServices(<Composer blockedReason={null} channel="sms" onSend={onSend} />);
    expect(screen.queryByRole('button', { name: 'Attach an image' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send a template' })).toBeNull();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    expect(onSend.mock.calls[0]?.[0]).toMatchObject({ text: 'Hello' });
  });

  it('refuses a file that is not a JPEG or PNG image', async () => {
    fakeApi([]);
    renderWithServices(<Composer blockedReason={null} channel="whatsapp" onSend={() => undefined} />);
    await userEvent.upload(
      screen.getByTestId('image-input'),
      new File(['%PDF'], 'a.pdf', { type: 'application/pdf' }),
      {
        applyAccept: false,
      },
    );
    expect(await screen.findByText('a.pdf is not a JPEG or PNG image.')).toBeTruthy();
  });

  it('refuses a text file named .png: the content, not the name, says what a file is', async () => {
    const api = fakeApi([]);
    renderWithServices(<Composer blockedReason={null} channel="whatsapp" onSend={() => undefined} />);
    await userEvent.upload(
      screen.getByTestId('image-input'),
      new File(['just some text'], 'photo.png', { type: 'image/png' }),
    );
    expect(await screen.findByText('photo.png is not a JPEG or PNG image.')).toBeTruthy();
    expect(screen.queryByRole('img', { name: /Selected image/ })).toBeNull();
    expect(api.callsTo('POST', '/media')).toHaveLength(0);
  });

  it('says in words why an upload failed', async () => {
    fakeApi([['POST', '/media', () => problem(413, 'payload_too_large')]]);
    renderWithServices(<Composer blockedReason={null} channel="whatsapp" onSend={() => undefined} />);
    await userEvent.upload(
      screen.getByTestId('image-input'),
      new File([PNG_BYTES], 'big.png', { type: 'image/png' }),
    );
    await screen.findByRole('img', { name: 'Selected image big.png' });
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('The request is too large.')).toBeTruthy();
  });

  it('fills the template parameters into the preview and sends them', async () => {
    fakeApi([
      [
        'GET',
        '/templates',
        () => ({
          body: [{ name: 'appointment_reminder', language: 'en', body: 'Hello {{1}}, see you on {{2}}.' }],
        }),
      ],
    ]);
    const onSend = vi.fn();
    renderWithServices(<Composer blockedReason={null} channel="whatsapp" onSend={onSend} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send a template' }));
    const [first, second] = await screen.findAllByRole('textbox', { name: /Parameter/ });
    await userEvent.type(first!, 'Dana');
    expect(screen.getByText('Hello Dana, see you on {{2}}.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Send template' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(second!, 'Monday');
    await userEvent.click(screen.getByRole('button', { name: 'Send template' }));
    expect(onSend.mock.calls[0]?.[0]).toMatchObject({
      template: { name: 'appointment_reminder', language: 'en', parameters: ['Dana', 'Monday'] },
    });
  });

  it('asks for parameters up to the highest placeholder, so a gap in the numbering still fills the last one', async () => {
    fakeApi([
      [
        'GET',
        '/templates',
        () => ({
          body: [{ name: 'page_note', language: 'en', body: 'Hello {{1}}, see {{3}}.', parameterCount: 2 }],
        }),
      ],
    ]);
    const onSend = vi.fn();
    renderWithServices(<Composer blockedReason={null} channel="whatsapp" onSend={onSend} />);
    await userEvent.click(screen.getByRole('button', { name: 'Send a template' }));
    const fields = await screen.findAllByRole('textbox', { name: /Parameter/ });
    expect(fields).toHaveLength(3);
    for (const [i, value] of ['Dana', 'unused', 'page 3'].entries()) await userEvent.type(fields[i]!, value);
    expect(screen.getByText('Hello Dana, see page 3.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Send template' }));
    expect(onSend.mock.calls[0]?.[0]).toMatchObject({
      template: { parameters: ['Dana', 'unused', 'page 3'] },
    });
  });
});
