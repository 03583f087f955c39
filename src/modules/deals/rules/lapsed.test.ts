import { describe, expect, it } from 'vitest';
import { type Collision, holderLapsed, lastToLapse } from './lapsed.js';
import type { DealStatus } from './lifecycle.js';

const deal = (id: string, status: DealStatus, at = 0): Collision => ({
  withDealId: id,
  withStatus: status,
  withChangedAt: new Date(at),
  houseAccountId: null,
});
const house: Collision = { withDealId: null, withStatus: null, withChangedAt: null, houseAccountId: 'h1' };
const deletedHouse: Collision = { withDealId: null, withStatus: null, withChangedAt: null, houseAccountId: null };

describe('holder lapsed', () => {
  it.each<[string, Collision[], boolean]>([
    ['no collision recorded', [], false],
    ['one holder withdrawn', [deal('a', 'withdrawn')], true],
    ...(['rejected', 'expired', 'won', 'lost'] as const).map((s): [string, Collision[], boolean] => [
      `one holder ${s}`,
      [deal('a', s)],
      true,
    ]),
    ...(['submitted', 'approved', 'protected'] as const).map((s): [string, Collision[], boolean] => [
      `one holder still ${s}`,
      [deal('a', s)],
      false,
    ]),
    ['one gone, one still protected', [deal('a', 'withdrawn'), deal('b', 'protected')], false],
    ['both gone', [deal('a', 'withdrawn'), deal('b', 'lost')], true],
    ['a gone holder and a house account', [deal('a', 'rejected'), house], false],
    ['a house account alone', [house], false],
    ['a gone holder and a house account deleted since', [deal('a', 'rejected'), deletedHouse], false],
  ])('%s → %s', (_label, collisions, expected) => {
    expect(holderLapsed(collisions)).toBe(expected);
  });

  it.each<[string, Collision[], string | null]>([
    ['one holder gone: it', [deal('a', 'withdrawn', 5)], 'a'],
    ['the later of two', [deal('a', 'withdrawn', 9), deal('b', 'rejected', 5)], 'a'],
    ['the same moment: the greater id', [deal('b', 'rejected', 5), deal('a', 'rejected', 5)], 'b'],
    ['one still active: none', [deal('a', 'withdrawn', 9), deal('b', 'submitted', 5)], null],
    ['with a house account: none', [deal('a', 'withdrawn', 9), house], null],
  ])('the last to lapse, %s', (_label, collisions, expected) => {
    expect(lastToLapse(collisions)).toBe(expected);
  });
});
