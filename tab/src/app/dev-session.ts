// The dev token lives for the browser tab only: closing it signs the member out.
const KEY = 'bridgeline.devToken';

export const devSession = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (token: string): void => sessionStorage.setItem(KEY, token),
  clear: (): void => sessionStorage.removeItem(KEY),
};

export const SEEDED_MEMBERS = [
  { email: 'alice@contoso.test', note: 'US · admin' },
  { email: 'bob@contoso.test', note: 'US' },
  { email: 'carol@contoso.test', note: 'EU' },
  { email: 'dave@contoso.test', note: 'US · not enabled' },
] as const;
