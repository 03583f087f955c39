import { describe, expect, it } from 'vitest';
import { bytesMatch, cleanFilename } from './attachment.js';
import { autoApproves, type AutoApprovalRule } from './auto-approval.js';
import { checkDealMove, DEAL_STATUSES, type DealMover, type DealStatus, approvedStatus } from './lifecycle.js';
import { checkExtensionDecision, checkExtensionRequest, needsExpiryWarning, protectionDaysFor } from './protection.js';
import { addBusinessDays, isOverdue } from './sla.js';
import { missingForSubmission } from './submission.js';

// Every allowed move, written out by hand: anything not listed must be refused.
const ALLOWED: [DealStatus, DealStatus, DealMover[], 'reason' | ''][] = [
  ['draft', 'submitted', ['partner'], ''],
  ['draft', 'conflict', ['partner'], ''],
  ['submitted', 'protected', ['vendor', 'system'], ''],
  ['submitted', 'approved', ['vendor', 'system'], ''],
  ['submitted', 'rejected', ['vendor'], 'reason'],
  ['submitted', 'withdrawn', ['partner'], ''],
  ['conflict', 'protected', ['vendor'], ''],
  ['conflict', 'approved', ['vendor'], ''],
  ['conflict', 'rejected', ['vendor'], 'reason'],
  ['conflict', 'withdrawn', ['partner'], ''],
  ['approved', 'rejected', ['vendor'], 'reason'],
  ['protected', 'rejected', ['vendor'], 'reason'],
  ['protected', 'expired', ['system'], ''],
  ['approved', 'won', ['partner', 'vendor'], ''],
  ['approved', 'lost', ['partner', 'vendor'], 'reason'],
  ['protected', 'won', ['partner', 'vendor'], ''],
  ['protected', 'lost', ['partner', 'vendor'], 'reason'],
];
const MOVERS: DealMover[] = ['partner', 'vendor', 'system'];
const cases = DEAL_STATUSES.flatMap((from) =>
  DEAL_STATUSES.flatMap((to) =>
    MOVERS.map((by) => {
      const allowed = ALLOWED.find(([f, t, who]) => f === from && t === to && who.includes(by));
      return { from, to, by, allowed: Boolean(allowed), needsReason: allowed?.[3] === 'reason' };
    }),
  ),
);

describe('deal lifecycle', () => {
  it.each(cases)('$from → $to by $by: allowed $allowed', ({ from, to, by, allowed, needsReason }) => {
    const withReason = checkDealMove(from, to, by, 'because');
    expect(withReason.ok).toBe(allowed);
    if (!allowed) expect(withReason).toMatchObject({ code: 'invalid_transition' });
    const without = checkDealMove(from, to, by, ' ');
    if (allowed) expect(without.ok).toBe(!needsReason);
    if (needsReason) expect(without).toMatchObject({ code: 'reason_required' });
  });

  it('approval protects for some days, or approves without an end at 0 days', () => {
    expect(approvedStatus(60)).toBe('protected');
    expect(approvedStatus(1)).toBe('protected');
    expect(approvedStatus(0)).toBe('approved');
  });
});

describe('protection', () => {
  it.each([
    [90, 60, 90],
    [0, 60, 0],
    [null, 60, 60],
    [undefined, 45, 45],
    [-5, 60, 60],
    [30.5, 60, 60],
  ])('tier value %s with program default %s → %s days', (tier, program, days) => {
    expect(protectionDaysFor(tier, program)).toBe(days);
  });

  const now = new Date('2026-11-20T12:00:00Z');
  const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);
  it.each([
    ['ends in 3 days, not warned', inDays(3), null, true],
    ['ends in exactly 7 days', inDays(7), null, true],
    ['ends in 8 days', inDays(8), null, false],
    ['already warned', inDays(3), now, false],
    ['already ended (the expiry mail covers it)', inDays(-1), null, false],
    ['no end', null, null, false],
  ] as const)('week-before mail: %s → %s', (_label, until, warned, expected) => {
    expect(needsExpiryWarning({ protectedUntil: until, expiryWarnedAt: warned }, now)).toBe(expected);
  });

  it.each([
    ['protected', 'none', 30, true],
    ['protected', 'requested', 30, false],
    ['protected', 'granted', 30, false],
    ['protected', 'refused', 30, false],
    ['protected', 'none', 0, false],
    ['approved', 'none', 30, false],
    ['submitted', 'none', 30, false],
  ] as const)('extension asked while %s (%s), program grants %s days → %s', (status, ext, days, ok) => {
    expect(checkExtensionRequest({ status, extensionStatus: ext }, days).ok).toBe(ok);
  });

  it.each([
    ['protected', 'requested', true],
    ['protected', 'none', false],
    ['expired', 'requested', false],
    ['won', 'requested', false],
  ] as const)('extension answered while %s (%s) → %s', (status, ext, ok) => {
    expect(checkExtensionDecision({ status, extensionStatus: ext }).ok).toBe(ok);
  });
});

describe('approval SLA in business days', () => {
  it.each([
    // submitted                  days  due
    ['2026-11-16T09:30:00Z', 2, '2026-11-18T09:30:00.000Z'], // Monday → Wednesday
    ['2026-11-19T15:00:00Z', 2, '2026-11-23T15:00:00.000Z'], // Thursday → Monday
    ['2026-11-20T17:00:00Z', 1, '2026-11-23T17:00:00.000Z'], // Friday → Monday
    ['2026-11-20T17:00:00Z', 2, '2026-11-24T17:00:00.000Z'], // Friday → Tuesday
    ['2026-11-21T10:00:00Z', 2, '2026-11-25T00:00:00.000Z'], // Saturday counts from Monday 00:00
    ['2026-11-22T23:59:00Z', 1, '2026-11-24T00:00:00.000Z'], // Sunday
    ['2026-11-16T09:30:00Z', 5, '2026-11-23T09:30:00.000Z'], // a whole week
    ['2026-11-16T09:30:00Z', 10, '2026-11-30T09:30:00.000Z'],
  ] as const)('submitted %s with %s days → due %s', (at, days, due) => {
    expect(addBusinessDays(new Date(at), days).toISOString()).toBe(due);
  });

  it('is overdue only once the due time has passed', () => {
    const due = new Date('2026-11-18T09:30:00Z');
    expect(isOverdue(due, new Date('2026-11-18T09:29:59Z'))).toBe(false);
    expect(isOverdue(due, new Date('2026-11-18T09:30:01Z'))).toBe(true);
    expect(isOverdue(null, new Date())).toBe(false);
  });
});

describe('auto-approval', () => {
  const rule = (r: Partial<AutoApprovalRule>): AutoApprovalRule => ({
    autoApprove: true,
    autoApproveBelow: null,
    autoApproveAttributions: ['sourced', 'influenced'],
    ...r,
  });
  it.each([
    ['off', rule({ autoApprove: false }), 100, 'sourced', false, false],
    ['on, any amount', rule({}), 10_000_000, 'sourced', false, true],
    ['a conflict never', rule({}), 100, 'sourced', true, false],
    ['below the limit', rule({ autoApproveBelow: 1_000_000 }), 999_999, 'sourced', false, true],
    ['at the limit', rule({ autoApproveBelow: 1_000_000 }), 1_000_000, 'sourced', false, false],
    ['no amount with a limit', rule({ autoApproveBelow: 1_000_000 }), null, 'sourced', false, false],
    ['attribution not listed', rule({ autoApproveAttributions: ['sourced'] }), 100, 'influenced', false, false],
    ['attribution listed', rule({ autoApproveAttributions: ['influenced'] }), 100, 'influenced', false, true],
  ] as const)('%s', (_label, r, amount, attribution, conflict, expected) => {
    expect(autoApproves(r, { amount, attribution }, conflict)).toBe(expected);
  });
});

describe('submission', () => {
  const complete = {
    customerDomain: 'globex.com',
    customerCountry: 'US',
    contactName: 'Pat',
    contactEmail: 'pat@globex.com',
    amount: 100,
    expectedCloseDate: '2026-12-31',
  };
  it.each([
    ['complete', {}, []],
    ['no domain', { customerDomain: null }, ['customerDomain']],
    ['no country', { customerCountry: null }, ['customerCountry']],
    ['blank contact', { contactName: ' ', contactEmail: '' }, ['contactName', 'contactEmail']],
    ['no amount (0 is an amount)', { amount: null }, ['amount']],
    ['zero amount', { amount: 0 }, []],
    ['no close date', { expectedCloseDate: null }, ['expectedCloseDate']],
    ['close date in the past', { expectedCloseDate: '2026-11-19' }, ['expectedCloseDate']],
    ['close date today', { expectedCloseDate: '2026-11-20' }, []],
  ] as const)('%s → missing %j', (_label, change, fields) => {
    expect(missingForSubmission({ ...complete, ...change }, '2026-11-20').map((e) => e.field)).toEqual(fields);
  });
});

describe('attachments', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['application/pdf', enc('%PDF-1.7\n…'), true],
    ['application/pdf', enc('MZ\x90\x00 a program'), false],
    ['image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), true],
    ['image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), true],
    ['image/jpeg', enc('<svg/>'), false],
    ['text/plain', enc('Meeting notes: ok ✓'), true],
    ['text/csv', new Uint8Array([0x61, 0x00, 0x62]), false],
    ['text/plain', new Uint8Array([0xc3, 0x28]), false],
    [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      new Uint8Array([0x50, 0x4b, 3, 4]),
      true,
    ],
  ] as const)('%s with these bytes → %s', (type, bytes, ok) => {
    expect(bytesMatch(type, bytes)).toBe(ok);
  });

  it.each([
    ['quote.pdf', 'quote.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\pat\\plan.docx', 'plan.docx'],
    ['a\u0000b\u001f".txt', 'ab.txt'],
    ['..', null],
    ['   ', null],
    [`${'x'.repeat(300)}.pdf`, `${'x'.repeat(196)}.pdf`],
  ] as const)('file name %j → %j', (raw, clean) => {
    expect(cleanFilename(raw)).toBe(clean);
  });
});
