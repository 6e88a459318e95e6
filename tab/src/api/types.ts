import type { Channel, Region } from '@bridgeline/shared';

/** Shapes the tab needs that shared/src/api.ts does not define yet (see the tab's contract notes). */

export interface AppConfig {
  authMode: 'dev' | 'entra';
  sandbox: boolean;
}

/** An approved template from `GET /templates`; `body` uses Meta's `{{1}}` placeholders. */
export interface TemplateSummary {
  name: string;
  language: string;
  category?: string;
  body?: string;
  parameterCount?: number;
  channel?: Channel;
}

export interface ThreadFilter {
  channel?: Channel;
  state?: 'open' | 'closed' | 'unassigned' | 'left';
  query?: string;
}

export interface MemberFilter {
  query?: string;
  region?: Region;
}
