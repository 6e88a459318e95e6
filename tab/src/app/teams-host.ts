import { setMemberLocale } from '../ui/time.js';

export type HostTheme = 'light' | 'dark' | 'contrast';

export interface TeamsHost {
  theme: HostTheme;
  onThemeChange: (handler: (theme: HostTheme) => void) => void;
  getToken: () => Promise<string>;
}

/** Teams names its themes 'default', 'dark' and 'contrast'. */
export function hostThemeFromTeams(theme: string | undefined): HostTheme {
  if (theme === 'dark') return 'dark';
  if (theme === 'contrast') return 'contrast';
  return 'light';
}

function mayBeInTeams(): boolean {
  // Teams hosts tabs in an iframe (web, desktop) or in a mobile webview that exposes nativeInterface.
  const framed = window.parent !== window;
  return framed || 'nativeInterface' in window;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Teams did not answer in time')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Connects to the Teams host, or answers null quickly in a plain browser tab. */
export async function connectToTeams(timeoutMs = 2500): Promise<TeamsHost | null> {
  if (!mayBeInTeams()) return null;
  try {
    // Loaded only when framed: a plain browser tab never downloads teams-js.
    const { app, authentication } = await import('./teams-sdk.js');
    await withTimeout(app.initialize(), timeoutMs);
    const context = await withTimeout(app.getContext(), timeoutMs);
    // Dates, times and numbers in the member's Teams language rather than the webview's.
    setMemberLocale(context.app.locale);
    app.notifySuccess();
    return {
      theme: hostThemeFromTeams(context.app.theme),
      onThemeChange: (handler) =>
        app.registerOnThemeChangeHandler((theme) => handler(hostThemeFromTeams(theme))),
      // teams-js caches the SSO token and renews it when it nears expiry, so ask for it on every request.
      getToken: () => authentication.getAuthToken(),
    };
  } catch {
    return null;
  }
}
