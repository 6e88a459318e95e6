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

  it('tells a member which opt-in template Meta paused, so they know why the opt-in request cannot go', () => {
    const e = apiErrorFromProblem(409, {
      code: 'template_unavailable',
      title:
        'This template cannot be sent now: Meta has paused, disabled or rejected it. Your admins have been told.',
      detail: 'The opt-in request uses the template "bridgeline_opt_in", which Meta has paused.',
    });
    expect(describeError(e)).toMatch(/cannot be sent now.*"bridgeline_opt_in", which Meta has paused\./);
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
