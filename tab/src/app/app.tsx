import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { EmptyState, ErrorBar, Loading } from '../ui/states.js';
import { ServicesProvider } from './services.js';
import { Shell } from './shell.js';
import { SignInPicker } from './sign-in-picker.js';
import type { HostTheme, TeamsHost } from './teams-host.js';
import { initialBrowserTheme, saveBrowserTheme, THEMES } from './theme.js';
import { useBoot } from './use-boot.js';

const useStyles = makeStyles({
  root: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground3,
  },
  failed: { padding: tokens.spacingHorizontalXL },
});

export function App() {
  const styles = useStyles();
  const [theme, setTheme] = useState<HostTheme>(initialBrowserTheme);
  const onHost = useCallback((host: TeamsHost) => {
    setTheme(host.theme);
    host.onThemeChange(setTheme);
  }, []);
  const { state, restart, signOut, inTeams } = useBoot(onHost);

  const chooseTheme = useCallback((next: HostTheme) => {
    setTheme(next);
    saveBrowserTheme(next);
  }, []);

  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root} data-theme={theme}>
      {state.kind === 'starting' && <Loading label="Starting Bridgeline…" />}
      {state.kind === 'failed' && (
        <main className={styles.failed}>
          <ErrorBar error={state.error} onRetry={() => void restart()} />
        </main>
      )}
      {state.kind === 'teams-required' && (
        <main>
          <EmptyState title="Open Bridgeline in Microsoft Teams to sign in." />
        </main>
      )}
      {state.kind === 'sign-in' && (
        <SignInPicker sandbox={state.config.sandbox} onSignedIn={() => void restart()} />
      )}
      {state.kind === 'ready' && (
        <ServicesProvider value={state.services}>
          <Shell
            theme={inTeams ? null : theme}
            onThemeChange={chooseTheme}
            onSignOut={state.services.config.authMode === 'dev' ? signOut : null}
          />
        </ServicesProvider>
      )}
    </FluentProvider>
  );
}
