import { prefetchConfig } from './app/prefetch.js';

// The entry is kept to a few kilobytes: it asks for /config (and, on a reload, /me and the first inbox page) and
// only then loads the app, whose chunk the HTML already preloads (vite.config.ts, preloadApp). The round trips and
// the download and compile of React and Fluent UI overlap instead of following one another.
prefetchConfig();
// Framed in Teams: teams-js is fetched alongside, not after the app has started.
if (window.parent !== window) void import('./app/teams-sdk.js');

const root = document.getElementById('root');
if (root) void import('./app/mount.js').then(({ mount }) => mount(root));
