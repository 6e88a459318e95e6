import { describe, expect, it } from 'vitest';
import { apiErrorFromProblem } from '../../api/api-error.js';
import { describeProblem } from './panel.js';

describe('problems in the Compliance area', () => {
  it('tells an admin the server’s own words: the title, the detail and each invalid field', () => {
    const e = apiErrorFromProblem(400, {
      code: 'validation_failed',
      detail: 'An export covers at most 366 days.',
      errors: [{ path: 'to', message: 'Invalid ISO datetime' }],
    });
    expect(describeProblem(e)).toBe(
      'Some fields are missing or invalid. An export covers at most 366 days. to: Invalid ISO datetime',
    );
    expect(describeProblem(apiErrorFromProblem(403, { code: 'admin_only' }))).toBe(
      'Only an admin can do this.',
    );
  });
});
