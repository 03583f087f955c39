import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealAttachments } from '../../modules/deals/schema.js';
import { products } from '../../modules/products/schema.js';
import { createTestEnv, signedIn, type TestEnv } from '../app.js';
import { dealBody, dealPartnerKey, dealProgram, randomCustomer } from '../deals.js';
import { KeyClient } from './client.js';
import { type Clients, newLedger, type Tracked, verify } from './load.js';

/** The crash run's checker finds what it is there to find: a lost update, a changed field, a file not whole. */

let env: TestEnv;
let clients: Clients;
beforeAll(async () => {
  env = await createTestEnv();
  const url = await env.app.listen({ port: 0, host: '127.0.0.1' });
  const { browser } = await signedIn(env, 'admin');
  const key = await browser.request('POST', '/api/v1/api-keys', { name: 'checker', role: 'admin' });
  const vendor = new KeyClient(key.json().secret as string);
  vendor.baseUrl = url;
  const program = await dealProgram(vendor);
  const partner = new KeyClient((await dealPartnerKey(vendor, program.id)).key);
  partner.baseUrl = url;
  clients = { vendor, partner, programId: program.id };
});
afterAll(() => env.close());

const tracked = (kind: Tracked['kind'], id: string, path: string, fields: Record<string, unknown>): Tracked => ({
  kind,
  id,
  path,
  acked: { fields },
  pending: null,
  dirty: true,
});

describe('the crash checker', () => {
  it('passes what is stored as acknowledged, and fails a changed field or a file that is not whole', async () => {
    const p = (
      await clients.vendor.request('POST', '/api/v1/products', { title: 'Kept', description: 'd' })
    ).json() as {
      id: string;
    };
    const deal = (
      await clients.partner.request('POST', '/api/v1/deals', {
        ...dealBody(clients.programId, randomCustomer()),
        submit: false,
      })
    ).json() as { id: string };
    const bytes = Buffer.from('call notes');
    const file = (
      await clients.partner.request('POST', `/api/v1/deals/${deal.id}/attachments?filename=a.txt`, bytes, {
        'content-type': 'text/plain',
      })
    ).json() as { id: string };
    const sha = createHash('sha256').update(bytes).digest('hex');
    const ledger = newLedger();
    ledger.objects.push(
      tracked('product', p.id, `/api/v1/products/${p.id}`, { title: 'Kept', description: 'd' }),
      tracked('deal', deal.id, `/api/v1/deals/${deal.id}`, { status: 'draft' }),
      tracked('attachment', file.id, `/api/v1/deals/${deal.id}/attachments/${file.id}`, {
        sha256: sha,
        filename: 'a.txt',
      }),
    );
    expect(await verify(ledger, clients, true)).toEqual({ problems: [], read: 3 });

    // an unanswered write that landed is accepted, and held to from then on
    await env.db.owner.update(products).set({ title: 'Renamed' }).where(eq(products.id, p.id));
    ledger.objects[0]!.pending = { fields: { title: 'Renamed', description: 'd' } };
    expect((await verify(ledger, clients, true)).problems).toEqual([]);
    expect(ledger.objects[0]!.acked).toEqual({ fields: { title: 'Renamed', description: 'd' } });

    await env.db.owner.update(products).set({ title: 'Lost' }).where(eq(products.id, p.id));
    await env.db.owner
      .update(dealAttachments)
      .set({ data: sql`'\\x00'::bytea` })
      .where(eq(dealAttachments.id, file.id));
    const { problems } = await verify(ledger, clients, true);
    expect(problems).toHaveLength(3);
    expect(problems.find((m) => m.includes(p.id))).toContain('"title":"Lost"');
    expect(problems.find((m) => m.startsWith('Error: attachment'))).toContain('is not whole');
    expect(problems.find((m) => m.startsWith(`attachment ${file.id}`))).toContain('found');
  });
});
