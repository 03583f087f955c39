import { describe, expect, it } from 'vitest';
import { missingProfileFields, profileComplete, type ProfileFields } from './profile.js';
import {
  allDone,
  compareOnboardings,
  daysLeft,
  daysToFirstDeal,
  dueDate,
  needsOverdueNotice,
  onboardingStatus,
  progressOf,
} from './progress.js';
import { DEFAULT_ONBOARDING_DAYS, DEFAULT_STEPS } from './steps.js';
import { mayTick, teamStarted } from './ticking.js';

const now = new Date('2025-06-15T12:00:00Z');
const at = (iso: string) => new Date(iso);
const HOUR = 60 * 60 * 1000;

describe('the built-in checklist', () => {
  it('is the brief’s five steps in 90 days, each ticked by its event', () => {
    expect(DEFAULT_ONBOARDING_DAYS).toBe(90);
    expect(DEFAULT_STEPS.map((s) => [s.key, s.event])).toEqual([
      ['accept_agreement', 'agreement_accepted'],
      ['complete_profile', 'profile_completed'],
      ['invite_team', 'team_invited'],
      ['sales_training', 'training_completed'],
      ['first_deal', 'first_deal_registered'],
    ]);
    expect(dueDate(at('2025-01-01T09:30:00Z'), 90).toISOString()).toBe('2025-04-01T09:30:00.000Z');
  });
});

describe('status and days', () => {
  it.each([
    ['due tomorrow', '2025-06-16T12:00:00Z', null, 'open', 1, null],
    ['due in an hour', '2025-06-15T13:00:00Z', null, 'open', 1, null],
    ['due right now', '2025-06-15T12:00:00Z', null, 'open', 0, null],
    ['late by an hour', '2025-06-15T11:00:00Z', null, 'overdue', null, 1],
    ['late by a day and an hour', '2025-06-14T11:00:00Z', null, 'overdue', null, 1],
    ['late by ten days', '2025-06-05T12:00:00Z', null, 'overdue', null, 10],
    ['completed before due', '2025-06-20T12:00:00Z', '2025-06-01T00:00:00Z', 'completed', null, null],
    ['completed after due', '2025-06-01T12:00:00Z', '2025-06-10T00:00:00Z', 'completed', null, null],
  ] as const)('%s', (_name, due, completed, status, left, overdue) => {
    const o = { dueAt: at(due), completedAt: completed ? at(completed) : null };
    expect(onboardingStatus(o, now)).toBe(status);
    expect(daysLeft(o, now)).toEqual({ daysLeft: left, daysOverdue: overdue });
  });

  it.each([
    ['overdue, not reminded', '2025-06-01T00:00:00Z', null, null, true],
    ['overdue, reminded already', '2025-06-01T00:00:00Z', null, '2025-06-02T00:00:00Z', false],
    ['not due yet', '2025-07-01T00:00:00Z', null, null, false],
    ['completed late', '2025-06-01T00:00:00Z', '2025-06-03T00:00:00Z', null, false],
  ] as const)('overdue reminder: %s → %s', (_name, due, completed, notified, expected) => {
    const o = {
      dueAt: at(due),
      completedAt: completed ? at(completed) : null,
      overdueNotifiedAt: notified ? at(notified) : null,
    };
    expect(needsOverdueNotice(o, now)).toBe(expected);
  });
});

describe('progress', () => {
  it.each([
    [0, 5, 0],
    [2, 5, 40],
    [1, 3, 33],
    [5, 5, 100],
    [0, 0, 100],
  ])('%i of %i → %i%%', (done, total, percent) => {
    expect(progressOf(done, total)).toEqual({ done, total, percent });
  });

  it.each([
    [['a', 'b'], ['a', 'b'], true],
    [['a', 'b'], ['a'], false],
    [['a'], ['a', 'removed'], true],
    [[], [], true],
  ])('steps %j with %j done: all done %s', (steps, done, expected) => {
    expect(allDone(steps, new Set(done))).toBe(expected);
  });

  it.each([
    ['no deal yet', null, null],
    ['same day', '2025-01-01T20:00:00Z', 0],
    ['ten days on', '2025-01-11T09:00:00Z', 10],
    ['a deal before approval counts as day 0', '2024-12-30T00:00:00Z', 0],
  ] as const)('time to first deal: %s', (_name, deal, days) => {
    expect(daysToFirstDeal(at('2025-01-01T09:00:00Z'), deal ? at(deal) : null)).toBe(days);
  });
});

describe('order of the CAM’s list', () => {
  const o = (id: string, dueInHours: number, completed = false) => ({
    enrollmentId: id,
    dueAt: new Date(now.getTime() + dueInHours * HOUR),
    completedAt: completed ? now : null,
  });

  it.each([
    [
      'overdue before open, most overdue first',
      [o('open-soon', 5), o('late-1h', -1), o('open-later', 50), o('late-9d', -216)],
      ['late-9d', 'late-1h', 'open-soon', 'open-later'],
    ],
    [
      'completed last, even when their due date is the earliest',
      [o('done-early', -500, true), o('open', 10), o('late', -2), o('done-late', 100, true)],
      ['late', 'open', 'done-early', 'done-late'],
    ],
    ['same due date: by id', [o('b', 3), o('a', 3), o('c', -3)], ['c', 'a', 'b']],
  ])('%s', (_name, rows, expected) => {
    expect([...rows].sort(compareOnboardings(now)).map((r) => r.enrollmentId)).toEqual(expected);
  });
});

describe('profile completeness', () => {
  const full: ProfileFields = {
    legalName: 'Acme Networks GmbH',
    website: 'https://acme.example',
    country: 'DE',
    regions: ['europe'],
    partnerTypes: ['reseller'],
    industries: ['Manufacturing'],
    companySize: '51-200',
  };
  it('a full profile is complete', () => {
    expect(profileComplete(full)).toBe(true);
    expect(missingProfileFields(full)).toEqual([]);
  });
  it.each([
    ['legalName', { legalName: '  ' }],
    ['website', { website: '' }],
    ['country', { country: null }],
    ['regions', { regions: [] }],
    ['partnerTypes', { partnerTypes: [] }],
    ['industries', { industries: [] }],
    ['companySize', { companySize: null }],
  ] as const)('without %s it is not', (field, change) => {
    const p = { ...full, ...change };
    expect(profileComplete(p)).toBe(false);
    expect(missingProfileFields(p)).toEqual([field]);
  });
  it('names every missing field of a new partner', () => {
    expect(
      missingProfileFields({
        legalName: '',
        website: '',
        country: null,
        regions: [],
        partnerTypes: [],
        industries: [],
        companySize: null,
      }),
    ).toEqual(['legalName', 'website', 'country', 'regions', 'partnerTypes', 'industries', 'companySize']);
  });
});

describe('who may tick a step by hand', () => {
  it.each([
    ['partner', null, true],
    ['partner', 'agreement_accepted', false],
    ['partner', 'training_completed', false],
    ['partner', 'first_deal_registered', false],
    ['vendor', null, true],
    ['vendor', 'training_completed', true],
    ['vendor', 'profile_completed', true],
  ] as const)('%s, step with event %s: %s', (by, event, expected) => {
    expect(mayTick(by, { event })).toBe(expected);
  });

  it.each([
    [0, false],
    [1, false],
    [2, true],
    [7, true],
  ])('a team of %i people has started: %s', (people, expected) => {
    expect(teamStarted(people)).toBe(expected);
  });
});
