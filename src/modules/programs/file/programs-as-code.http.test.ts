import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, signedIn, type TestEnv } from '../../../test/app.js';
import { programData, programText } from '../../../test/program-file.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

type Plan = {
  key: string;
  programId: string | null;
  changes: { op: string; kind: string; path: string }[];
  summary: string;
};

describe('programs as code over HTTP', () => {
  it('serves the JSON Schema of the format to anyone', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/schemas/program.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/schema+json');
    const schema = res.json() as {
      $id: string;
      title: string;
      required: string[];
      properties: Record<string, { items?: { properties?: Record<string, unknown> } }>;
    };
    expect(schema.$id).toBe('http://trellis.test/api/v1/schemas/program.json');
    expect(schema.title).toContain('trellis.program/v1');
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'key', 'name', 'type', 'currency']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(Object.keys(programData('x'))));
    expect(Object.keys(schema.properties.tiers!.items!.properties!)).toEqual(
      expect.arrayContaining(['key', 'name', 'badge', 'criteria', 'benefits', 'invitation_only']),
    );
  });

  it('plans, applies and exports for a channel manager; the export plans to no change', async () => {
    const { browser } = await signedIn(env, 'channel_manager');
    const source = programText(programData('http-one'));
    const plan = await browser.request('POST', '/api/v1/programs/plan', { source });
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toMatchObject({ key: 'http-one', programId: null });
    const applied = await browser.request('POST', '/api/v1/programs/apply', { source });
    expect(applied.statusCode).toBe(200);
    const { programId, changes } = applied.json() as Plan;
    expect(changes).toEqual((plan.json() as Plan).changes);

    const exported = await browser.request('GET', `/api/v1/programs/${programId}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe('attachment; filename="http-one.yaml"');
    expect(exported.body).toContain('format: trellis.program/v1');
    const replan = await browser.request('POST', '/api/v1/programs/plan', { source: exported.body });
    expect(replan.json()).toMatchObject({ programId, changes: [], summary: 'No changes.' });
  });

  it('refuses a file with errors in one problem naming every path', async () => {
    const { browser } = await signedIn(env, 'admin');
    const data = programData('http-bad');
    data.currency = 'usd';
    data.tiers[0]!.badge = 'badges/gold.svg';
    const res = await browser.request('POST', '/api/v1/programs/apply', { source: programText(data) });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'validation_failed', detail: 'The program file has 2 problems' });
    expect((res.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'currency',
      'tiers[0].badge',
    ]);
    const missing = await browser.request('GET', '/api/v1/programs/no-such-program/export');
    expect(missing.statusCode).toBe(404);
  });

  it('lets a viewer plan but not apply, and nobody unsigned', async () => {
    const { browser } = await signedIn(env, 'viewer');
    const source = programText(programData('http-viewer'));
    expect((await browser.request('POST', '/api/v1/programs/plan', { source })).statusCode).toBe(200);
    const refused = await browser.request('POST', '/api/v1/programs/apply', { source });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    const anonymous = await env.app.inject({ method: 'POST', url: '/api/v1/programs/plan', payload: { source } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/programs/plan', '/api/v1/programs/apply', '/api/v1/programs/{id}/export']),
    );
  });
});
