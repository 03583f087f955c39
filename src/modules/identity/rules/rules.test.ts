import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';
import { SESSION_POLICY, sessionIsLive } from './session-policy.js';
import { retryAfterSeconds, THROTTLE } from './throttle.js';

const now = new Date('2026-11-20T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('password policy', () => {
  it.each([
    ['short', 'ada@example.com', 'must be at least 12 characters'],
    ['x'.repeat(201), null, 'must be at most 200 characters'],
    ['ADA@example.com', 'ada@example.com', 'must not be your email address'],
    ['abababababab', null, 'must not repeat the same few characters'],
    ['correct-horse-battery', 'ada@example.com', null],
  ])('%s', (password, email, message) => {
    const problems = checkPassword(password, email);
    expect(problems[0]?.message ?? null).toBe(message);
  });
});

describe('sign-in throttling', () => {
  it.each([
    ['no failures', { count: 0, oldest: null }, { count: 0, oldest: null }, 0],
    ['four failures', { count: 4, oldest: ago(60_000) }, { count: 4, oldest: ago(60_000) }, 0],
    ['five failures a minute ago', { count: 5, oldest: ago(60_000) }, { count: 5, oldest: ago(60_000) }, 14 * 60],
    [
      'many from one address',
      { count: 1, oldest: ago(1000) },
      { count: 30, oldest: ago(THROTTLE.windowMs - 10_000) },
      10,
    ],
  ])('%s', (_name, email, ip, expected) => {
    expect(retryAfterSeconds(email, ip, now)).toBe(expected);
  });
});

describe('session policy', () => {
  const base = {
    createdAt: ago(1000),
    lastSeenAt: ago(1000),
    expiresAt: new Date(now.getTime() + 1000),
    endedAt: null,
  };
  it.each([
    ['fresh', base, true],
    ['ended', { ...base, endedAt: ago(10) }, false],
    ['past its absolute end', { ...base, expiresAt: ago(1) }, false],
    ['idle too long', { ...base, lastSeenAt: ago(SESSION_POLICY.idleMs + 1) }, false],
  ])('%s', (_name, s, live) => {
    expect(sessionIsLive(s, now)).toBe(live);
  });
});
