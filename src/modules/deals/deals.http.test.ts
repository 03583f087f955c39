import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, createTestEnv, signedIn, type TestEnv, unique } from '../../test/app.js';
import { dealBody, dealPartner, dealProgram } from '../../test/deals.js';

let env: TestEnv;
let admin: Browser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signedIn(env, 'admin')).browser;
});
afterAll(() => env.close());

type Deal = {
  id: string;
  reference: string;
  status: string;
  protectedUntil: string | null;
  protectionDays: number | null;
  conflicts: { matchedOn: string; deal: { id: string; partnerName: string } | null; houseAccount: unknown }[];
  challengers: { deal: { id: string } | null }[];
  history: { kind: string; fromStatus: string | null; toStatus: string | null; reason: string | null }[];
  actions: string[];
};

describe('deal registration', () => {
  it('first come, first served: a later registration of the same customer is a conflict, told nothing of who', async () => {
    const p = await dealProgram(admin);
    const a = await dealPartner(env, admin, p.id);
    const b = await dealPartner(env, admin, p.id);
    const customer = { name: unique('Globex') + ' Inc.', domain: `${unique('globex')}.com` };
    const first = await a.browser.request('POST', '/api/v1/deals', dealBody(p.id, customer));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'submitted' });
    const second = await b.browser.request(
      'POST',
      '/api/v1/deals',
      dealBody(p.id, {
        name: customer.name.toUpperCase().replace(' Inc.', ', LLC'),
        domain: `https://www.${customer.domain}/about`,
      }),
    );
    expect(second.statusCode, second.body).toBe(201);
    const conflict = second.json() as Deal;
    expect(conflict.status).toBe('conflict');
    expect(conflict.conflicts).toEqual([]);
    expect(second.body).not.toContain(a.partner.name);
    const vendorView = (await admin.request('GET', `/api/v1/deals/${conflict.id}`)).json() as Deal;
    expect(vendorView.conflicts).toHaveLength(1);
    expect(vendorView.conflicts[0]).toMatchObject({
      matchedOn: 'domain',
      deal: { id: (first.json() as Deal).id, partnerName: a.partner.name },
    });
    expect(vendorView.actions).toEqual(expect.arrayContaining(['resolve', 'reject']));
  });
});
