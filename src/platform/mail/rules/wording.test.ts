import { describe, expect, it } from 'vitest';
import { BODY_MAX, fillPlaceholders, placeholdersOf, renderWording, SUBJECT_MAX, wordingProblems } from './wording.js';

const vars = { name: 'Ada', link: 'https://x.test/a?b=1', empty: '' };

describe('fillPlaceholders', () => {
  it.each([
    ['Hello {{name}}', 'Hello Ada'],
    ['Hello {{ name }}!', 'Hello Ada!'],
    ['{{name}} and {{name}}', 'Ada and Ada'],
    ['Go to {{link}}', 'Go to https://x.test/a?b=1'],
    ['[{{empty}}]', '[]'],
    ['Hello {{nobody}}', 'Hello {{nobody}}'],
    ['Hello {{toString}}', 'Hello {{toString}}'],
    ['Hello {name}', 'Hello {name}'],
    ['Hello {{first name}}', 'Hello {{first name}}'],
    ['{{{name}}}', '{Ada}'],
    ['no placeholders', 'no placeholders'],
  ])('%j → %j', (text, expected) => {
    expect(fillPlaceholders(text, vars)).toBe(expected);
  });

  it('does not fill placeholders that a value brings in', () => {
    expect(fillPlaceholders('{{a}}', { a: '{{b}}', b: 'no' })).toBe('{{b}}');
  });
});

describe('placeholdersOf', () => {
  it.each([
    ['', []],
    ['plain', []],
    ['{{a}} {{ b }} {{a}}', ['a', 'b']],
    ['{{b_2}}{{A}}', ['b_2', 'A']],
    ['{{2nd}} {{}} {{x y}} {single}', []],
  ])('%j → %j', (text, expected) => {
    expect(placeholdersOf(text)).toEqual(expected);
  });
});

describe('renderWording', () => {
  it('keeps the subject on one line whatever a variable holds', () => {
    expect(renderWording({ subject: ' Hi {{name}} ', body: 'B\n{{name}}' }, { name: 'Ada\nLovelace' })).toEqual({
      subject: 'Hi Ada Lovelace',
      text: 'B\nAda\nLovelace',
    });
  });
});

describe('wordingProblems', () => {
  const offered = ['name', 'link'];
  it.each<[string, { subject: string; body: string }, { field: string; message: string }[]]>([
    ['a valid wording', { subject: 'Hi {{name}}', body: 'Go to {{ link }}' }, []],
    ['no placeholders at all', { subject: 'Hi', body: 'Hello' }, []],
    ['an empty subject', { subject: '  ', body: 'x' }, [{ field: 'subject', message: 'must not be empty' }]],
    [
      'a subject too long',
      { subject: 'x'.repeat(SUBJECT_MAX + 1), body: 'x' },
      [{ field: 'subject', message: 'must be at most 200 characters' }],
    ],
    ['a subject of exactly the limit', { subject: 'x'.repeat(SUBJECT_MAX), body: 'x' }, []],
    [
      'a subject of two lines',
      { subject: 'Hi\nthere', body: 'x' },
      [{ field: 'subject', message: 'must be one line' }],
    ],
    [
      'a subject with a carriage return',
      { subject: 'Hi\rthere', body: 'x' },
      [{ field: 'subject', message: 'must be one line' }],
    ],
    ['an empty body', { subject: 'Hi', body: '\n \n' }, [{ field: 'body', message: 'must not be empty' }]],
    [
      'a body too long',
      { subject: 'Hi', body: 'x'.repeat(BODY_MAX + 1) },
      [{ field: 'body', message: 'must be at most 20000 characters' }],
    ],
    ['a body of exactly the limit', { subject: 'Hi', body: 'x'.repeat(BODY_MAX) }, []],
    [
      'an unknown placeholder in the body',
      { subject: 'Hi', body: 'Dear {{nmae}}' },
      [{ field: 'body', message: 'unknown placeholder {{nmae}}; this mail offers {{name}}, {{link}}' }],
    ],
    [
      'unknown placeholders in both, each named once',
      { subject: '{{who}} {{who}}', body: '{{a}} {{ b }} {{a}} {{name}}' },
      [
        { field: 'subject', message: 'unknown placeholder {{who}}; this mail offers {{name}}, {{link}}' },
        { field: 'body', message: 'unknown placeholders {{a}}, {{b}}; this mail offers {{name}}, {{link}}' },
      ],
    ],
    [
      'a name no placeholder can have',
      { subject: 'Hi', body: '{{first name}} {{}}' },
      [{ field: 'body', message: 'unknown placeholders {{first name}}, {{}}; this mail offers {{name}}, {{link}}' }],
    ],
    ['single braces are text', { subject: 'Hi {name}', body: '{link}' }, []],
  ])('%s', (_, wording, expected) => {
    expect(wordingProblems(wording, offered)).toEqual(expected);
  });

  it('says when a mail offers no placeholders', () => {
    expect(wordingProblems({ subject: 'Hi {{name}}', body: 'x' }, [])).toEqual([
      { field: 'subject', message: 'unknown placeholder {{name}}; this mail offers none' },
    ]);
  });
});
