import { describe, expect, it } from 'vitest';
import { allowedMoves, canMove, PRODUCT_STATUSES } from './lifecycle.js';

describe('product lifecycle', () => {
  it('has the phases of the product graph lifecycle', () => {
    expect(PRODUCT_STATUSES).toEqual([
      'concept',
      'validation',
      'build',
      'beta',
      'launch',
      'growth',
      'mature',
      'maintenance',
      'sunset',
    ]);
  });

  it.each([
    ['concept', 'launch', true],
    ['beta', 'maintenance', true],
    ['maintenance', 'mature', true],
    ['launch', 'launch', true],
    ['launch', 'beta', false],
    ['growth', 'concept', false],
    ['sunset', 'launch', false],
    ['sunset', 'concept', false],
    ['mature', 'growth', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });

  it('sunset is final', () => {
    expect(allowedMoves('sunset')).toEqual([]);
  });
});
