import { describe, expect, it } from 'vitest';
import { normalizeDomain } from './domain.js';

describe('domain normalization', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM', 'example.com'],
    ['https://www.example.com/', 'example.com'],
    ['http://WWW.Example.com/about?x=1#top', 'example.com'],
    ['www.example.com.', 'example.com'],
    ['example.com:8080/path', 'example.com'],
    ['//example.com', 'example.com'],
    ['https://shop.example.co.uk', 'shop.example.co.uk'],
    ['www2.example.com', 'example.com'],
    ['sales@example.com', 'example.com'],
    ['  example.com  ', 'example.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each(['', '   ', 'localhost', 'not a domain', 'http://', '127.0.0.1', 'example', '-bad-.com', 'a..com'])(
    '%j holds no domain',
    (input) => {
      expect(normalizeDomain(input)).toBeNull();
    },
  );
});
