import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aContact, aMessage, aThread } from '../test/builders.js';
import { fakeApi } from '../test/fake-api.js';
import { renderWithServices } from '../test/render.js';
import { MessageBubble, messageContent } from '../thread/message-bubble.js';
import { ThreadRow } from './thread-row.js';

describe('text in any direction (issue 16, accessibility)', () => {
  it('lets the browser pick the direction of a contact name, a preview and a message (dir="auto")', () => {
    fakeApi([]);
    const arabic = 'مرحبا، هل يمكننا التحدث؟';
    renderWithServices(
      <ul>
        <ThreadRow
          thread={aThread({
            contact: aContact({ displayName: 'דנה כהן' }),
            lastMessage: aMessage({ direction: 'in', text: arabic }),
          })}
          selected
          now={Date.now()}
          onOpen={() => undefined}
        />
      </ul>,
    );
    expect(screen.getByText('דנה כהן').getAttribute('dir')).toBe('auto');
    expect(screen.getByText(arabic).getAttribute('dir')).toBe('auto');
  });

  it('marks the text of a message bubble dir="auto"', () => {
    fakeApi([]);
    const message = aMessage({ direction: 'in', text: 'שלום' });
    renderWithServices(<MessageBubble content={messageContent(message)} />);
    expect(screen.getByText('שלום').getAttribute('dir')).toBe('auto');
  });
});
