import { describe, expect, it } from 'vitest';
import { apiErrorFromProblem, describeError } from './api-error.js';

describe('errors in words', () => {
  it('says why a Teams sign-in was refused when the server says so', () => {
    const e = apiErrorFromProblem(401, {
      code: 'unauthorized',
      detail: 'Your organisation has not set up Bridgeline yet: ask your Teams administrator.',
    });
    expect(describeError(e)).toBe(
      'Your organisation has not set up Bridgeline yet: ask your Teams administrator.',
    );
  });

  it('falls back to the title of the code without a detail', () => {
    expect(describeError(apiErrorFromProblem(401, { code: 'unauthorized' }))).toBe(
      'Sign in again to continue.',
    );
  });

  it('never shows raw bodies: an unknown answer becomes the closest known code', () => {
    expect(describeError(apiErrorFromProblem(502, '<html>Bad gateway</html>'))).toBe(
      'The service is starting or unavailable. Try again in a moment.',
    );
  });
});
