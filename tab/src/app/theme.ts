import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { hostThemeFromTeams, type HostTheme } from './teams-host.js';

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

/**
 * The first paint's theme. Teams fills `{theme}` in the tab's content URL (`?theme=default|dark|contrast`), so the tab
 * is drawn in the Teams theme before teams-js has loaded; outside Teams the member's choice, else the operating system.
 */
export function initialBrowserTheme(): HostTheme {
  const fromUrl = new URLSearchParams(window.location.search).get('theme');
  if (fromUrl && /^(default|light|dark|contrast)$/.test(fromUrl)) return hostThemeFromTeams(fromUrl);
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark' || saved === 'contrast') return saved;
  if (window.matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function saveBrowserTheme(theme: HostTheme): void {
  localStorage.setItem(STORAGE_KEY, theme);
}
