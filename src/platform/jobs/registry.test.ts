import { describe, expect, test } from 'vitest';
import { JobRegistry, topicMatches } from './registry.js';

describe('topic patterns', () => {
  test.each([
    ['product.created', 'product.created', true],
    ['product.created', 'product.updated', false],
    ['product.*', 'product.created', true],
    ['product.*', 'product.variant.created', true],
    ['product.*', 'product', false],
    ['product.*', 'products.created', false],
    ['*', 'anything.at.all', true],
  ])('%s matches %s: %s', (pattern, topic, expected) => {
    expect(topicMatches(pattern, topic)).toBe(expected);
  });
});

describe('JobRegistry', () => {
  test('names each subscribed kind once per topic', () => {
    const registry = new JobRegistry()
      .subscribe('deal.*', 'webhooks')
      .subscribe('*', 'webhooks')
      .subscribe('deal.won', 'payouts')
      .subscribe('partner.*', 'crm');
    expect(registry.subscribersOf('deal.won').sort()).toEqual(['payouts', 'webhooks']);
    expect(registry.subscribersOf('user.created')).toEqual(['webhooks']);
  });

  test('refuses wiring mistakes', () => {
    const registry = new JobRegistry().handle('a', async () => undefined).schedule('s', 60, 'a');
    expect(() => registry.handle('a', async () => undefined)).toThrow(/registered already/);
    expect(() => registry.schedule('s', 60, 'a')).toThrow(/registered already/);
    expect(() => registry.schedule('t', 0, 'a')).toThrow(/at least 1/);
    expect(() => registry.schedule('u', 1.5, 'a')).toThrow(/whole number/);
    expect(() => registry.subscribe('deal*', 'a')).toThrow(/Not a topic pattern/);
    expect(() => registry.subscribe('*.won', 'a')).toThrow(/Not a topic pattern/);
  });
});
