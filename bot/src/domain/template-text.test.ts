import { describe, expect, it } from 'vitest';
import { placeholderCount, renderBody } from './template-text.js';

describe('template text', () => {
  it('fills each placeholder with its parameter, as the contact reads it', () => {
    expect(renderBody('Your appointment with {{1}} is on {{2}}. See you, {{1}}!', ['Dr Lee', 'Monday'])).toBe(
      'Your appointment with Dr Lee is on Monday. See you, Dr Lee!',
    );
  });

  it('keeps a placeholder that has no parameter rather than inventing one', () => {
    expect(renderBody('Hello {{1}}, about {{ 2 }}', ['Ana'])).toBe('Hello Ana, about {{ 2 }}');
  });

  it('counts each placeholder once, however often it appears', () => {
    expect(placeholderCount('{{1}} and {{2}} and {{1}} again')).toBe(2);
    expect(placeholderCount('No parameters here.')).toBe(0);
  });
});
