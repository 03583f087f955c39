import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { diffStates, formatChanges } from '../programs/file/diff.js';
import { parseProgramText } from '../programs/file/parse.js';
import { programFileJsonSchema } from '../programs/file/service.js';
import { type ProgramState, stateFromFile } from '../programs/file/state.js';
import { type DealRegistration, registerDealProgramFile, sectionOf } from './program-file.js';
import { DEFAULT_DEAL_SETTINGS } from './settings.service.js';

beforeAll(() => registerDealProgramFile());

/** A program with nothing but its deal registration settings, so a plan shows only those. */
const fileText = (dealRegistration?: unknown) =>
  stringify({
    format: 'trellis.program/v1',
    key: 'deals',
    name: 'Deals',
    type: 'reseller',
    currency: 'USD',
    ...(dealRegistration === undefined ? {} : { deal_registration: dealRegistration }),
  });
const desired = (dealRegistration?: unknown) => stateFromFile(parseProgramText(fileText(dealRegistration)));

const defaults = (): DealRegistration =>
  sectionOf({ ...DEFAULT_DEAL_SETTINGS, autoApproveAttributions: [...DEFAULT_DEAL_SETTINGS.autoApproveAttributions] });
/** The program as the database holds it, running on `settings`. */
const current = (settings = defaults()): ProgramState => ({
  ...desired(),
  id: 'p-1',
  sections: { deal_registration: settings },
});
const refusal = (text: string) => {
  try {
    parseProgramText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).errors;
  }
  throw new Error('the file was accepted');
};

describe('the deal_registration section', () => {
  it('fills in the settings’ defaults for what it leaves out', () => {
    expect(desired({}).sections.deal_registration).toEqual(defaults());
    expect(desired({ auto_approve: { enabled: true } }).sections.deal_registration).toEqual({
      ...defaults(),
      auto_approve: { enabled: true, below_amount: null, attributions: ['sourced', 'influenced'] },
    });
    // a file without the section leaves the settings as they are
    expect(desired().sections).toEqual({});
  });

  it.each<[string, unknown, ProgramState | null, { field: string; from: unknown; to: unknown }[]]>([
    ['the defaults written out', { ...defaults() }, current(), []],
    ['an empty section (the defaults)', {}, current(), []],
    ['no section, whatever the program runs on', undefined, current({ ...defaults(), approval_sla_days: 9 }), []],
    ['attributions in another order', { auto_approve: { attributions: ['influenced', 'sourced'] } }, current(), []],
    ['the approval SLA', { approval_sla_days: 5 }, current(), [{ field: 'approval_sla_days', from: 2, to: 5 }]],
    ['protection days', { protection_days: 0 }, current(), [{ field: 'protection_days', from: 60, to: 0 }]],
    ['extension days', { extension_days: 14 }, current(), [{ field: 'extension_days', from: 30, to: 14 }]],
    [
      'auto-approval turned on',
      { auto_approve: { enabled: true } },
      current(),
      [{ field: 'auto_approve.enabled', from: false, to: true }],
    ],
    [
      'an auto-approval limit',
      { auto_approve: { below_amount: 2_500_000 } },
      current(),
      [{ field: 'auto_approve.below_amount', from: null, to: 2_500_000 }],
    ],
    [
      'the limit taken away',
      { auto_approve: { below_amount: null } },
      current({ ...defaults(), auto_approve: { ...defaults().auto_approve, below_amount: 100 } }),
      [{ field: 'auto_approve.below_amount', from: 100, to: null }],
    ],
    [
      'attributions narrowed, a repeat counted once',
      { auto_approve: { attributions: ['sourced', 'sourced'] } },
      current(),
      [{ field: 'auto_approve.attributions', from: ['sourced', 'influenced'], to: ['sourced'] }],
    ],
  ])('plans %s', (_name, section, was, fields) => {
    const changes = diffStates(was, desired(section));
    expect(changes).toEqual(
      fields.length ? [{ op: 'update', kind: 'deal_registration', path: 'deal_registration', fields }] : [],
    );
  });

  it('plans every setting of a new program, and writes a line per change', () => {
    const changes = diffStates(null, desired({ approval_sla_days: 3 }));
    expect(changes.at(-1)).toEqual({
      op: 'create',
      kind: 'deal_registration',
      path: 'deal_registration',
      fields: [
        { field: 'approval_sla_days', from: null, to: 3 },
        { field: 'protection_days', from: null, to: 60 },
        { field: 'extension_days', from: null, to: 30 },
        { field: 'auto_approve.enabled', from: null, to: false },
        { field: 'auto_approve.below_amount', from: null, to: null },
        { field: 'auto_approve.attributions', from: null, to: ['sourced', 'influenced'] },
      ],
    });
    expect(formatChanges(changes)).toContain('\n+ deal_registration\n');
    const update = diffStates(current(), desired({ approval_sla_days: 5, auto_approve: { enabled: true } }));
    expect(formatChanges(update)).toBe(
      [
        '~ deal_registration: approval_sla_days 2 → 5, auto_approve.enabled false → true',
        '',
        '1 change: 0 to create, 1 to update, 0 to delete.',
      ].join('\n'),
    );
  });

  it.each<[string, unknown, string]>([
    ['an SLA of no days', { approval_sla_days: 0 }, 'deal_registration.approval_sla_days'],
    ['an SLA over the limit', { approval_sla_days: 31 }, 'deal_registration.approval_sla_days'],
    ['part of a day', { approval_sla_days: 1.5 }, 'deal_registration.approval_sla_days'],
    ['negative protection', { protection_days: -1 }, 'deal_registration.protection_days'],
    ['protection over a year', { protection_days: 366 }, 'deal_registration.protection_days'],
    ['extension days as text', { extension_days: '30' }, 'deal_registration.extension_days'],
    ['a yes for a switch', { auto_approve: { enabled: 'yes' } }, 'deal_registration.auto_approve.enabled'],
    ['a limit of nothing', { auto_approve: { below_amount: 0 } }, 'deal_registration.auto_approve.below_amount'],
    ['a limit in decimals', { auto_approve: { below_amount: 99.5 } }, 'deal_registration.auto_approve.below_amount'],
    [
      'an unknown attribution',
      { auto_approve: { attributions: ['referred'] } },
      'deal_registration.auto_approve.attributions[0]',
    ],
    ['an unknown setting', { approval_sla: 2 }, 'deal_registration.approval_sla'],
    ['an unknown auto-approval setting', { auto_approve: { limit: 5 } }, 'deal_registration.auto_approve.limit'],
    ['a list for the section', [], 'deal_registration'],
  ])('refuses %s at its path in the file', (_name, section, field) => {
    const errors = refusal(fileText(section));
    expect(errors.map((e) => e.field)).toEqual([field]);
    expect(errors[0]!.message).toMatch(/\(line \d+, column \d+\)$/);
  });

  it('is in the format’s JSON Schema with the settings API’s limits', () => {
    const schema = programFileJsonSchema() as { properties: Record<string, { properties: Record<string, object> }> };
    const section = schema.properties.deal_registration!;
    expect(section.properties.approval_sla_days).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 30,
      default: 2,
    });
    expect(section.properties.protection_days).toMatchObject({ minimum: 0, maximum: 365, default: 60 });
    expect(Object.keys(section.properties.auto_approve!)).toContain('properties');
  });
});
