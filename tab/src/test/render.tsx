import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Me } from '@bridgeline/shared';
import { createApiClient } from '../api/api-client.js';
import { createLocalLiveEvents } from '../api/live-events.js';
import { ServicesProvider } from '../app/services.js';
import { aMe } from './builders.js';

/** Renders a screen with the real API client (over the faked fetch) and a live stream the test drives. */
export function renderWithServices(ui: ReactElement, { me = aMe() }: { me?: Me } = {}) {
  const live = createLocalLiveEvents();
  const api = createApiClient({ getToken: async () => 'test-token' });
  const services = { api, me, config: { authMode: 'dev' as const, sandbox: true }, live };
  const result = render(
    <FluentProvider theme={teamsLightTheme}>
      <ServicesProvider value={services}>{ui}</ServicesProvider>
    </FluentProvider>,
  );
  return { ...result, live, services };
}
