import { describe, expect, it } from 'vitest';
import { renderTemplate, templateParameterCount, templatePlaceholders } from '@bridgeline/shared';
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

  it('takes as many parameters as the highest placeholder, so a gap in the numbering still fills the last one', () => {
    expect(templateParameterCount('Hello {{1}}, see {{3}}')).toBe(3);
    expect(placeholderCount('Hello {{1}}, see {{3}}')).toBe(3);
    expect(templatePlaceholders('Hello {{1}}, see {{3}}, {{1}}')).toEqual([1, 3]);
    expect(renderTemplate('Hello {{1}}, see {{3}}', ['Ana', 'unused', 'page 3'])).toBe(
      'Hello Ana, see page 3',
    );
  });
});
