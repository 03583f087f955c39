import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../modules/deals/rules/attachment.js';
import { dealBody, dealPartner, dealProgram, randomCustomer } from '../../test/deals.js';
import { type Browser, createTestEnv, signedIn, type TestEnv } from '../../test/app.js';
import { PNG } from '../../test/images.js';
import { MAX_BADGE_BYTES } from '../images/badge.js';
import { CSV_LIMIT } from './csv.js';

const MiB = 1024 * 1024;

let env: TestEnv;
let admin: Browser;
let partner: Browser;
let partnerId: string;
let dealId: string;
beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signedIn(env, 'admin')).browser;
  const program = await dealProgram(admin);
  const p = await dealPartner(env, admin, program.id);
  partner = p.browser;
  partnerId = p.partner.id;
  const deal = await partner.request('POST', '/api/v1/deals', dealBody(program.id, randomCustomer()));
  dealId = (deal.json() as { id: string }).id;
});
afterAll(() => env?.close());

/** A JSON body of exactly `size` bytes: a product whose title is far too long. */
const jsonOf = (size: number) => {
  const frame = JSON.stringify({ title: '' });
  return Buffer.from(JSON.stringify({ title: 'x'.repeat(size - frame.length) }));
};
const pad = (head: Buffer, size: number) => Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
// not a PDF: at the limit it is refused for its bytes (400), so nothing large is stored
const notPdf = (size: number) => Buffer.alloc(size, 0x20);
const csv = (size: number) => pad(Buffer.from('name\nAcme\n'), size);

describe('body and upload size limits', () => {
  it.each([
    ['a JSON body', () => admin, 'POST', '/api/v1/products', 'application/json', 1 * MiB, jsonOf],
    ['a CSV import', () => admin, 'POST', '/api/v1/partners/import?dryRun=true', 'text/csv', CSV_LIMIT, csv],
    [
      'a deal attachment',
      () => partner,
      'POST',
      () => `/api/v1/deals/${dealId}/attachments?filename=big.pdf`,
      'application/pdf',
      MAX_ATTACHMENT_BYTES,
      notPdf,
    ],
    [
      'a partner logo',
      () => admin,
      'PUT',
      () => `/api/v1/partners/${partnerId}/logo`,
      'image/png',
      MAX_BADGE_BYTES,
      (size: number) => pad(PNG, size),
    ],
  ] as const)('%s one byte over its limit is refused with 413', async (_what, who, method, url, type, limit, body) => {
    const path = typeof url === 'function' ? url() : url;
    const res = await who().request(method, path, body(limit + 1), { 'content-type': type });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'payload_too_large', status: 413 });
    // at the limit the body is read and judged on its content instead
    const at = await who().request(method, path, body(limit), { 'content-type': type });
    expect(at.statusCode).not.toBe(413);
  });

  it('stores nothing from a refused body', async () => {
    const deal = await partner.request('GET', `/api/v1/deals/${dealId}`);
    const attachments = (deal.json() as { attachments: { filename: string }[] }).attachments;
    expect(attachments).toEqual([]);
    const products = await admin.request('GET', '/api/v1/products');
    expect((products.json() as { items: unknown[] }).items).toEqual([]);
  });
});
