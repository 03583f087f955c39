import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordChange } from '../../platform/audit/record.js';
import { outboxEvents } from '../../platform/jobs/schema.js';
import { write } from '../../platform/unit-of-work.js';
import type { Actor } from '../../platform/access/actor.js';
import { listAudit } from '../../platform/audit/service.js';
import { AppError } from '../../platform/errors.js';
import { adminActor, createTestEnv, makePartner, type TestEnv } from '../../test/app.js';
import {
  createProduct,
  ensureProductsByTitle,
  getProduct,
  listProducts,
  setArchived,
  updateProduct,
} from './service.js';

const admin = adminActor;
const viewer: Actor = { ...admin, id: '00000000-0000-4000-8000-000000000002', role: 'viewer' };

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const rejects = async (p: Promise<unknown>, code: string) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
};

describe('products service', () => {
  it('creates a product with defaults and an audit entry', async () => {
    const ctx = env.ctx(admin);
    const p = await createProduct(ctx, { title: '  Edge Gateway ', tags: ['network', 'network', 'iot'] });
    expect(p).toMatchObject({
      type: 'product',
      title: 'Edge Gateway',
      description: '',
      status: 'launch',
      tags: ['network', 'iot'],
      archivedAt: null,
    });
    const audit = await listAudit(ctx, { objectType: 'product', objectId: p.id, limit: 10 });
    expect(audit.items.map((a) => a.action)).toEqual(['product.created']);
    expect(audit.items[0]!.actor.label).toBe('Ada <ada@example.com>');
    expect(audit.items[0]!.after).toMatchObject({ title: 'Edge Gateway' });
    const events = await env.db.run({ kind: 'system' }, (tx) =>
      tx.select().from(outboxEvents).where(eq(outboxEvents.topic, 'product.created')),
    );
    const event = events.find((e) => (e.payload as { objectId: string }).objectId === p.id);
    expect(event?.payload).toMatchObject({
      objectType: 'product',
      after: { title: 'Edge Gateway' },
      actor: { type: 'user', id: admin.id },
    });
  });

  it('writes nothing at all when the transaction fails after the audit entry', async () => {
    const ctx = env.ctx(admin);
    const count = async () => (await env.db.run({ kind: 'system' }, (tx) => tx.select().from(outboxEvents))).length;
    const before = await count();
    const failing = write(ctx, 'test', async (tx) => {
      await recordChange(tx, ctx, {
        action: 'product.created',
        objectType: 'product',
        objectId: 'x',
        partnerId: null,
        before: null,
        after: {},
      });
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(await count()).toBe(before);
    expect((await listAudit(ctx, { objectId: 'x', limit: 5 })).items).toEqual([]);
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const ctx = env.ctx(admin);
    const before = await listProducts(ctx, { q: 'nothing-like-this', limit: 100 });
    const error = await rejects(
      createProduct(ctx, { title: '', status: 'shipping' as never, tags: ['a,b'] }),
      'validation_failed',
    );
    expect(error.errors.map((e) => e.field).sort()).toEqual(['status', 'tags.0', 'title']);
    expect((await listProducts(ctx, { q: 'nothing-like-this', limit: 100 })).items).toEqual(before.items);
  });

  it('edits within the lifecycle and refuses a move the lifecycle does not allow', async () => {
    const ctx = env.ctx(admin);
    const p = await createProduct(ctx, { title: 'Analytics Suite', status: 'beta' });
    const edited = await updateProduct(ctx, p.id, { title: 'Analytics Suite 2', status: 'launch', tags: ['data'] });
    expect(edited).toMatchObject({ title: 'Analytics Suite 2', status: 'launch', tags: ['data'] });
    const error = await rejects(updateProduct(ctx, p.id, { status: 'concept' }), 'invalid_transition');
    expect(error.errors[0]!.field).toBe('status');
    expect((await getProduct(ctx, p.id)).status).toBe('launch');
    const audit = await listAudit(ctx, { objectType: 'product', objectId: p.id, limit: 10 });
    expect(audit.items.map((a) => a.action)).toEqual(['product.updated', 'product.created']);
    expect(audit.items[0]!.before).toMatchObject({ title: 'Analytics Suite', status: 'beta' });
    expect(audit.items[0]!.after).toMatchObject({ title: 'Analytics Suite 2', status: 'launch' });
  });

  it('archives and restores; archived products leave the default list and cannot be edited', async () => {
    const ctx = env.ctx(admin);
    const p = await createProduct(ctx, { title: 'Legacy Router' });
    await setArchived(ctx, p.id, true);
    expect((await listProducts(ctx, { q: 'Legacy Router', limit: 10 })).items).toEqual([]);
    expect((await listProducts(ctx, { q: 'Legacy Router', archived: true, limit: 10 })).items.map((x) => x.id)).toEqual(
      [p.id],
    );
    await rejects(updateProduct(ctx, p.id, { title: 'x' }), 'conflict');
    await setArchived(ctx, p.id, false);
    expect((await listProducts(ctx, { q: 'Legacy Router', limit: 10 })).items.map((x) => x.id)).toEqual([p.id]);
    const actions = (await listAudit(ctx, { objectType: 'product', objectId: p.id, limit: 10 })).items.map(
      (a) => a.action,
    );
    expect(actions).toEqual(['product.restored', 'product.archived', 'product.created']);
  });

  it('searches title and description, filters by tag and status, and pages with a cursor', async () => {
    const ctx = env.ctx(admin);
    const marker = `zq${Date.now()}`;
    for (let i = 0; i < 7; i++) {
      await createProduct(ctx, {
        title: `${marker} item ${i}`,
        tags: i % 2 ? ['odd'] : ['even'],
        status: i < 2 ? 'beta' : 'launch',
      });
    }
    await createProduct(ctx, { title: 'Other', description: `mentions ${marker.toUpperCase()}` });
    expect((await listProducts(ctx, { q: marker, limit: 100 })).items).toHaveLength(8);
    expect((await listProducts(ctx, { q: marker, tag: 'odd', limit: 100 })).items).toHaveLength(3);
    expect((await listProducts(ctx, { q: marker, status: 'beta', limit: 100 })).items).toHaveLength(2);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listProducts(ctx, { q: marker, limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    await rejects(listProducts(ctx, { cursor: 'not-a-cursor', limit: 3 }), 'invalid_cursor');
  });

  it('lets a viewer read but not write, and a partner read only what is not archived', async () => {
    const p = await createProduct(env.ctx(admin), { title: 'Visible Thing' });
    const hidden = await createProduct(env.ctx(admin), { title: 'Hidden Thing' });
    await setArchived(env.ctx(admin), hidden.id, true);
    await rejects(createProduct(env.ctx(viewer), { title: 'Nope' }), 'forbidden');
    expect((await getProduct(env.ctx(viewer), p.id)).title).toBe('Visible Thing');
    const partner = await makePartner(env);
    const member: Actor = {
      type: 'user',
      id: '00000000-0000-4000-8000-000000000003',
      label: 'm',
      role: 'partner_member',
      partnerId: partner.id,
      sessionId: null,
    };
    expect((await getProduct(env.ctx(member), p.id)).title).toBe('Visible Thing');
    await rejects(getProduct(env.ctx(member), hidden.id), 'not_found');
    await rejects(updateProduct(env.ctx(member), p.id, { title: 'x' }), 'forbidden');
  });

  it('finds products by title in any case and creates the missing ones, each with an audit entry', async () => {
    const ctx = env.ctx(admin);
    const existing = await createProduct(ctx, { title: 'Mesh Router' });
    const found = await write(ctx, 'test', (tx) => ensureProductsByTitle(tx, ctx, ['MESH router', ' Fleet Console ']));
    expect(found.get('mesh router')).toBe(existing.id);
    const createdId = found.get('fleet console')!;
    expect(await getProduct(ctx, createdId)).toMatchObject({ title: 'Fleet Console', status: 'launch' });
    const audit = await listAudit(ctx, { objectType: 'product', objectId: createdId, limit: 5 });
    expect(audit.items.map((a) => a.action)).toEqual(['product.created']);
  });
});
