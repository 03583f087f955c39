import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/access/actor.js';
import type { Role } from '../../../platform/access/roles.js';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../../enrollments/rules/lifecycle.js';
import { checkAcceptance } from './accept.js';
import { acceptanceDue, reacceptDeadline } from './reaccept.js';

const deadline = new Date('2026-07-01T12:00:00.000Z');

describe('who must (re)accept after a publication', () => {
  const expected: Record<EnrollmentStatus, 'no' | 'no deadline' | 'deadline'> = {
    draft: 'no',
    submitted: 'no',
    approved: 'no deadline',
    active: 'deadline',
    rejected: 'no',
    suspended: 'deadline',
    terminated: 'no',
  };
  it.each(ENROLLMENT_STATUSES.map((s) => [s, expected[s]] as const))('%s, not yet accepted → %s', (status, want) => {
    const due = acceptanceDue(status, false, deadline);
    if (want === 'no') expect(due).toEqual({ due: false });
    else expect(due).toEqual({ due: true, deadline: want === 'deadline' ? deadline : null });
  });

  it.each(ENROLLMENT_STATUSES)('%s, accepted this version → nothing to do', (status) => {
    expect(acceptanceDue(status, true, deadline)).toEqual({ due: false });
  });
});

describe('the deadline to accept a new version', () => {
  it.each([
    ['2026-01-01T00:00:00.000Z', 30, '2026-01-31T00:00:00.000Z'],
    ['2026-01-31T15:30:00.000Z', 1, '2026-02-01T15:30:00.000Z'],
    ['2028-02-28T10:00:00.000Z', 1, '2028-02-29T10:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', 365, '2027-12-31T23:59:59.999Z'],
    // UTC has no daylight saving: always whole days of 24 hours
    ['2026-03-28T12:00:00.000Z', 2, '2026-03-30T12:00:00.000Z'],
  ])('published %s, %i days → %s', (published, days, by) => {
    expect(reacceptDeadline(new Date(published), days).toISOString()).toBe(by);
  });
});

describe('accepting an agreement', () => {
  const current = { id: 'v2', version: 2, sha256: 'a'.repeat(64) };
  const right = { agreementId: 'v2', sha256: 'a'.repeat(64) };
  const admin = { type: 'user' as Actor['type'], role: 'partner_admin' as Role };
  it.each([
    ['the current text, by a partner admin', admin, 'approved', current, right, null],
    ['an upper-case hash of the same text', admin, 'active', current, { ...right, sha256: 'A'.repeat(64) }, null],
    ['before approval', admin, 'submitted', current, right, null],
    ['a former version', admin, 'active', current, { ...right, agreementId: 'v1' }, 'conflict agreementId'],
    [
      'a text that changed under the reader',
      admin,
      'approved',
      current,
      { ...right, sha256: 'b'.repeat(64) },
      'conflict sha256',
    ],
    ['when there is no agreement', admin, 'approved', null, right, 'conflict agreementId'],
    ['a terminated membership', admin, 'terminated', current, right, 'conflict agreementId'],
    ['a rejected request', admin, 'rejected', current, right, 'conflict agreementId'],
    [
      'a partner member',
      { ...admin, role: 'partner_member' as Role },
      'approved',
      current,
      right,
      'forbidden agreementId',
    ],
    ['vendor staff', { ...admin, role: 'admin' as Role }, 'approved', current, right, 'forbidden agreementId'],
    [
      'an API key, even an admin one',
      { ...admin, type: 'api_key' as Actor['type'] },
      'approved',
      current,
      right,
      'forbidden agreementId',
    ],
  ])('%s', (_name, actor, status, cur, request, refusal) => {
    const check = checkAcceptance({ actor, status: status as EnrollmentStatus, current: cur, request });
    expect(check.ok ? null : `${check.code} ${check.field}`).toBe(refusal);
  });

  it('names the current version when another one is sent', () => {
    const check = checkAcceptance({
      actor: admin,
      status: 'active',
      current,
      request: { ...right, agreementId: 'v1' },
    });
    expect(check).toMatchObject({ ok: false, message: expect.stringContaining('version 2') });
  });
});
