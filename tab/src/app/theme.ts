import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import type { HostTheme } from './teams-host.js';

export const THEMES: Record<HostTheme, Theme> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

export const THEME_LABELS: Record<HostTheme, string> = {
  light: 'Light',
  dark: 'Dark',
  contrast: 'High contrast',
};

const STORAGE_KEY = 'bridgeline.theme';

/** Outside Teams the member picks a theme; the first guess follows the operating system. */
export function initialBrowserTheme(): HostTheme {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark' || saved === 'contrast') return saved;
  if (window.matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function saveBrowserTheme(theme: HostTheme): void {
  localStorage.setItem(STORAGE_KEY, theme);
}
