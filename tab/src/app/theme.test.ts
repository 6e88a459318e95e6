import { afterEach, describe, expect, it } from 'vitest';
import { initialBrowserTheme } from './theme.js';

describe('the first paint’s theme (issue 16)', () => {
  afterEach(() => {
    window.history.replaceState(null, '', '/');
    localStorage.clear();
  });

  it('takes the theme Teams fills into the content URL, before teams-js has loaded', () => {
    localStorage.setItem('bridgeline.theme', 'light');
    window.history.replaceState(null, '', '/?theme=dark');
    expect(initialBrowserTheme()).toBe('dark');
    window.history.replaceState(null, '', '/?theme=contrast');
    expect(initialBrowserTheme()).toBe('contrast');
    window.history.replaceState(null, '', '/?theme=default');
    expect(initialBrowserTheme()).toBe('light');
  });

  it('ignores a theme parameter Teams did not fill in ({theme} left as is)', () => {
    localStorage.setItem('bridgeline.theme', 'dark');
    window.history.replaceState(null, '', '/?theme=%7Btheme%7D');
    expect(initialBrowserTheme()).toBe('dark');
  });
});
