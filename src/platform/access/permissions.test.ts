import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors.js';
import type { Actor } from './actor.js';
import { actionsOf, PERMISSIONS, roleMay } from './permissions.js';
import { requireAccess } from './require-access.js';
import { ROLES, type Role } from './roles.js';

const user = (role: Role, partnerId: string | null = null): Actor => ({
  type: 'user',
  id: 'u',
  label: 'u',
  role,
  partnerId,
  sessionId: null,
});
const codeOf = (fn: () => void) => {
  try {
    fn();
    return 'allowed';
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('permissions table', () => {
  it('names only known roles', () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
  });

  it.each([
    ['admin', 'product.write', true],
    ['marketing', 'product.write', true],
    ['viewer', 'product.write', false],
    ['finance', 'product.write', false],
    ['partner_admin', 'product.write', false],
    ['partner_member', 'product.read', true],
    ['admin', 'mail.read', true],
    ['channel_manager', 'mail.read', false],
    ['partner_admin', 'user.invite', true],
    ['partner_member', 'user.invite', false],
    ['partner_admin', 'apikey.manage', true],
    ['viewer', 'audit.read', true],
    ['marketing', 'audit.read', false],
  ] as const)('%s may %s: %s', (role, action, allowed) => {
    expect(roleMay(role, action)).toBe(allowed);
    expect(actionsOf(role).includes(action)).toBe(allowed);
  });
});

describe('requireAccess', () => {
  it.each([
    ['anonymous', { type: 'anonymous', id: null, label: 'anonymous' } as Actor, undefined, 'unauthenticated'],
    ['system', { type: 'system', id: null, label: 'cli' } as Actor, undefined, 'allowed'],
    ['viewer writing', user('viewer'), undefined, 'forbidden'],
    ['partner on own object', user('partner_admin', 'p1'), { partnerId: 'p1' }, 'allowed'],
    ['partner on another partner’s object', user('partner_admin', 'p1'), { partnerId: 'p2' }, 'not_found'],
    ['partner on a vendor object', user('partner_admin', 'p1'), { partnerId: null }, 'not_found'],
    ['vendor on a partner object', user('admin'), { partnerId: 'p2' }, 'allowed'],
  ] as const)('%s', (_name, actor, owner, expected) => {
    const action = _name === 'viewer writing' ? 'product.write' : 'user.invite';
    expect(codeOf(() => requireAccess(actor, action, owner))).toBe(expected);
  });

  it('answers not_found before forbidden, so a foreign object’s existence never leaks', () => {
    expect(codeOf(() => requireAccess(user('partner_member', 'p1'), 'user.manage', { partnerId: 'p2' }))).toBe(
      'not_found',
    );
    expect(codeOf(() => requireAccess(user('partner_member', 'p1'), 'user.manage', { partnerId: 'p1' }))).toBe(
      'forbidden',
    );
  });
});
