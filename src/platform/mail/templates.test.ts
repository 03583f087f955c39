import { describe, expect, it } from 'vitest';
import { defineMailTemplate, mailTemplateDef, mailTemplateDefs } from './templates.js';

const def = (key: string, body: string) => ({
  key,
  description: 'A test mail',
  subject: 'Hello {{name}}',
  body,
  variables: { name: 'Ada' },
});

describe('defineMailTemplate', () => {
  it('registers a template, listed by key', () => {
    defineMailTemplate(def('test_b', 'Hi {{ name }}'));
    defineMailTemplate(def('test_a', 'Hi'));
    expect(mailTemplateDef('test_a')?.body).toBe('Hi');
    const keys = mailTemplateDefs().map((d) => d.key);
    expect(keys.indexOf('test_a')).toBeLessThan(keys.indexOf('test_b'));
  });

  it('refuses a key defined twice', () => {
    defineMailTemplate(def('test_twice', 'Hi'));
    expect(() => defineMailTemplate(def('test_twice', 'Hi'))).toThrow(/defined twice/);
  });

  it('refuses a built-in wording with a placeholder it does not declare', () => {
    expect(() => defineMailTemplate(def('test_typo', 'Hi {{nmae}}'))).toThrow(/test_typo: body unknown placeholder/);
    expect(mailTemplateDef('test_typo')).toBeUndefined();
  });
});
