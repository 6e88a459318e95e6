import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

/** Renders the tab into #root. Its own chunk: main.tsx has asked for the first answers before it arrives. */
export function mount(root: HTMLElement): void {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
