import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { PNG_URI, programData, programText, SVG_BADGE } from '../../../test/program-file.js';
import { inlineBadgeFiles } from './badge-files.js';
import { parseProgramText } from './parse.js';

let dir: string;
let outside: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trellis-program-'));
  mkdirSync(path.join(dir, 'badges'));
  writeFileSync(path.join(dir, 'badges', 'gold.svg'), SVG_BADGE);
  writeFileSync(path.join(dir, 'notes.txt'), 'not an image');
  outside = mkdtempSync(path.join(tmpdir(), 'trellis-outside-'));
  writeFileSync(path.join(outside, 'secret.svg'), SVG_BADGE);
  symlinkSync(path.join(outside, 'secret.svg'), path.join(dir, 'badges', 'link.svg'));
});
afterAll(() => {
  for (const d of [dir, outside]) rmSync(d, { recursive: true, force: true });
});

const problems = (text: string, options = {}) => {
  try {
    parseProgramText(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    return (error as AppError).errors;
  }
  throw new Error('the file was accepted');
};
const withBadges = (...badges: (string | null)[]) => {
  const data = programData('files');
  badges.forEach((badge, i) => (data.tiers[i]!.badge = badge));
  return programText(data);
};

describe('parseProgramText', () => {
  it('reads YAML and JSON alike, with the format’s defaults', () => {
    const data = programData('json');
    const fromYaml = parseProgramText(programText(data));
    expect(parseProgramText(JSON.stringify(data))).toEqual(fromYaml);
    expect(fromYaml.tiers[1]).toMatchObject({ description: '', invitation_only: false, badge: null });
    expect(fromYaml.demotion_grace_days).toBe(90);
  });

  it('reads badge files beside the file and prepares every badge', () => {
    const file = parseProgramText(withBadges('badges/gold.svg', PNG_URI), { baseDir: dir });
    expect(file.tiers[0]!.badge).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(file.tiers[1]!.badge).toBe(PNG_URI);
  });

  it('refuses badge files outside the folder, missing, not images, and any file without a folder', () => {
    expect(problems(withBadges('../x.svg', 'badges/link.svg', 'nope.svg'), { baseDir: dir })).toEqual([
      {
        field: 'tiers[0].badge',
        message: expect.stringMatching(/^must stay inside the program file’s folder \(line \d+/),
      },
      { field: 'tiers[1].badge', message: expect.stringMatching(/^must stay inside/) },
      { field: 'tiers[2].badge', message: expect.stringMatching(/^names a file that does not exist: nope\.svg/) },
    ]);
    expect(problems(withBadges('notes.txt', '/etc/hosts', 'https://example.com/a.png'), { baseDir: dir })).toEqual([
      { field: 'tiers[0].badge', message: expect.stringMatching(/^must be a PNG, JPEG or SVG image/) },
      { field: 'tiers[1].badge', message: expect.stringMatching(/^must be a path relative/) },
      { field: 'tiers[2].badge', message: expect.stringMatching(/^must be a data URI or the path/) },
    ]);
    expect(problems(withBadges('badges/gold.svg'))).toEqual([
      { field: 'tiers[0].badge', message: expect.stringMatching(/^must be a data URI .*only the command line/) },
    ]);
  });

  it('places syntax errors, unknown fields and missing ones in the text', () => {
    expect(problems('format: trellis.program/v1\nkey: [a\nname: x\n')).toEqual([
      { field: 'source', message: expect.stringMatching(/\(line 3, column 1\)$/) },
    ]);
    expect(problems('key: a\nkey: b\n')[0]!.message).toMatch(/^Map keys must be unique \(line 2, column 1\)$/);
    const data = programData('fields') as Record<string, unknown>;
    data.colour = 'green';
    delete data.name;
    const text = programText(data);
    expect(problems(text)).toEqual([
      { field: 'name', message: 'is required' },
      {
        field: 'colour',
        message: `is not a field of the program file format (line ${lineOf(text, 'colour:')}, column 9)`,
      },
    ]);
    expect(problems('')).toEqual([
      { field: 'source', message: 'is empty; a program file starts with format: trellis.program/v1' },
    ]);
  });

  it('quotes benefit names that are not plain words in paths', () => {
    const data = programData('paths');
    data.tiers[2]!.benefits = { commission_rate: 35, 'Collateral paths': 'yes' };
    expect(problems(programText(data)).map((e) => e.field)).toEqual(['tiers[2].benefits["Collateral paths"]']);
  });
});

const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

describe('inlineBadgeFiles', () => {
  it('puts each badge file in the text as a data URI, keeping every line where it was', () => {
    const text = withBadges('badges/gold.svg') + '# a last comment\n';
    const inlined = inlineBadgeFiles(text, dir);
    expect(inlined.split('\n')).toHaveLength(text.split('\n').length);
    expect(inlined).toContain('badge: "data:image/svg+xml;base64,');
    expect(inlined.endsWith('# a last comment\n')).toBe(true);
    expect(parseProgramText(inlined).tiers[0]!.badge).toEqual(parseProgramText(text, { baseDir: dir }).tiers[0]!.badge);
  });

  it('refuses what it cannot read, and leaves broken YAML for the server to report', () => {
    expect(() => inlineBadgeFiles(withBadges('gone.svg'), dir)).toThrow(AppError);
    expect(inlineBadgeFiles('key: [a\n', dir)).toBe('key: [a\n');
  });
});
