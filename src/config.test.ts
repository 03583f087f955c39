import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('job settings', () => {
  it('default to a one-minute lease, a one-second poll and no test jobs', () => {
    expect(loadConfig({})).toMatchObject({ jobLeaseMs: 60_000, jobPollMs: 1000, testJobs: false });
  });

  it.each([
    [{ TRELLIS_JOB_LEASE_MS: '5000' }, { jobLeaseMs: 5000 }],
    [{ TRELLIS_JOB_POLL_MS: '200' }, { jobPollMs: 200 }],
    [{ TRELLIS_TEST_JOBS: '1' }, { testJobs: true }],
  ])('%j → %j', (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{ TRELLIS_JOB_LEASE_MS: '500' }, 'TRELLIS_JOB_LEASE_MS'],
    [{ TRELLIS_JOB_LEASE_MS: 'soon' }, 'TRELLIS_JOB_LEASE_MS'],
    [{ TRELLIS_JOB_POLL_MS: '10' }, 'TRELLIS_JOB_POLL_MS'],
    [{ TRELLIS_JOB_POLL_MS: '1.5' }, 'TRELLIS_JOB_POLL_MS'],
    [{ TRELLIS_TEST_JOBS: 'yes' }, 'TRELLIS_TEST_JOBS'],
  ])('%j is refused, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });
});
