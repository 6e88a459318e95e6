// The two teams-js modules the tab uses, re-exported by name so the bundler keeps only them (a dynamic import of
// the package itself keeps its whole namespace).
export { app, authentication } from '@microsoft/teams-js';
