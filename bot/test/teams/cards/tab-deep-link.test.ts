import { describe, expect, it } from 'vitest';
import { tabDeepLink, tabHomeLink } from '../../../src/teams/cards/index.js';

describe('tabDeepLink', () => {
  it('links to the tab entity with the thread id as subEntityId', () => {
    const link = tabDeepLink(
      '7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b',
      'inbox',
      '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c',
    );
    expect(link).toBe(
      'https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox' +
        '?context=%7B%22subEntityId%22%3A%223f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c%22%7D',
    );
    const context = new URL(link).searchParams.get('context');
    expect(JSON.parse(context ?? '')).toEqual({ subEntityId: '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c' });
  });

  it('escapes path segments', () => {
    expect(tabHomeLink('app id', 'in/box')).toBe('https://teams.microsoft.com/l/entity/app%20id/in%2Fbox');
  });
});
