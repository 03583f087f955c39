import { createHash } from 'node:crypto';
import { type KeyClient, ServerGone } from './client.js';

/**
 * A mixed write load through the HTTP API and the ledger of what the server acknowledged. Each writer works
 * only on the objects it made, one request at a time, so an object has at most one write in flight when the
 * server dies: after a restart it must hold its last acknowledged state, or the state of that one write.
 */

export type Random = () => number;

/** A small seeded generator (mulberry32): the same seed gives the same load and the same kill moments. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Fields = Record<string, unknown>;
/** What an object must look like: its fields, or gone (deleted). */
export type State = { fields: Fields } | 'gone';
export type Kind = 'product' | 'partner' | 'program' | 'user' | 'deal' | 'attachment';

export type Tracked = {
  kind: Kind;
  id: string;
  /** Where to read it back. */
  path: string;
  acked: State;
  /** A write sent but never answered (the server died): it may or may not have happened. */
  pending: State | null;
  /** Written since it was last verified. */
  dirty: boolean;
};

export type Clients = { vendor: KeyClient; partner: KeyClient; programId: string };

export type Ledger = {
  objects: Tracked[];
  /** Writes answered with a 2xx. */
  acknowledged: number;
  /** Writes whose answer never came. */
  unanswered: number;
  /** Answers that were neither a 2xx nor expected: each fails the run. */
  failures: string[];
};

export const newLedger = (): Ledger => ({ objects: [], acknowledged: 0, unanswered: 0, failures: [] });

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Printable text of `size` bytes, different for every draw. */
function textBytes(rng: Random, size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = 32 + Math.floor(rng() * 95);
  return b;
}

const word = (rng: Random, n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rng() * 26))).join('');

const pick = <T>(rng: Random, items: T[]): T | undefined => items[Math.floor(rng() * items.length)];

/** The fields of `view` named in `keys`: what the acknowledgement said was stored. */
const fieldsOf = (view: unknown, keys: string[]): Fields =>
  Object.fromEntries(keys.map((k) => [k, (view as Fields)[k]]));

class Writer {
  private readonly mine: Tracked[] = [];
  constructor(
    private readonly n: number,
    private readonly rng: Random,
    private readonly clients: Clients,
    private readonly ledger: Ledger,
  ) {}

  /** Writes until the server dies under it. */
  async run(): Promise<void> {
    for (;;) {
      try {
        await this.step();
      } catch (error) {
        if (error instanceof ServerGone) return;
        throw error;
      }
    }
  }

  private async step(): Promise<void> {
    const r = this.rng();
    const own = (kind: Kind, f: (t: Tracked) => boolean = () => true) =>
      pick(
        this.rng,
        this.mine.filter((t) => t.kind === kind && t.acked !== 'gone' && f(t)),
      );
    const draft = own('deal', (t) => t.acked !== 'gone' && t.acked.fields.status === 'draft');
    const attachment = own('attachment');
    if (r < 0.18) return this.createProduct();
    if (r < 0.3)
      return this.update(own('product'), { title: `Product ${word(this.rng, 8)}` }, ['title', 'description']);
    if (r < 0.4) return this.createPartner();
    if (r < 0.47) return this.update(own('partner'), { name: `Partner ${word(this.rng, 8)}` }, ['name', 'notes']);
    if (r < 0.52) return this.createProgram();
    if (r < 0.65) return this.registerDraft();
    if (r < 0.75 && draft) return this.attach(draft);
    if (r < 0.85 && draft) return this.submit(draft);
    if (r < 0.9 && draft) return this.remove(draft, this.clients.partner);
    if (r < 0.95 && attachment) return this.remove(attachment, this.clients.partner);
    if (r < 0.97) return this.createUser();
    return this.update(own('user'), { name: `User ${word(this.rng, 6)}` }, ['email', 'name', 'role']);
  }

  /** Sends one write; on a 2xx, `onAck` turns the answer into the object's new state. */
  private async send(
    target: Tracked | null,
    intended: State | null,
    request: () => Promise<{ statusCode: number; body: string; json(): unknown }>,
    expected: number,
    onAck: (json: unknown) => void,
  ): Promise<void> {
    if (target) {
      target.pending = intended;
      target.dirty = true;
    }
    let res;
    try {
      res = await request();
    } catch (error) {
      if (error instanceof ServerGone) this.ledger.unanswered += 1;
      throw error;
    }
    if (res.statusCode !== expected) {
      if (target) target.pending = null;
      this.ledger.failures.push(`writer ${this.n}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return;
    }
    this.ledger.acknowledged += 1;
    onAck(expected === 204 ? null : res.json());
    if (target) target.pending = null;
  }

  private track(kind: Kind, id: string, path: string, fields: Fields): void {
    const t: Tracked = { kind, id, path, acked: { fields }, pending: null, dirty: true };
    this.mine.push(t);
    this.ledger.objects.push(t);
  }

  private async create(kind: Kind, client: KeyClient, url: string, body: object, keys: string[], path: string) {
    await this.send(
      null,
      null,
      () => client.request('POST', url, body),
      201,
      (json) => {
        const id = (json as { id: string }).id;
        this.track(kind, id, `${path}/${id}`, fieldsOf(json, keys));
      },
    );
  }

  private createProduct() {
    const body = { title: `Product ${word(this.rng, 8)}`, description: word(this.rng, 40), tags: [word(this.rng, 5)] };
    return this.create(
      'product',
      this.clients.vendor,
      '/api/v1/products',
      body,
      ['title', 'description', 'tags'],
      '/api/v1/products',
    );
  }

  private createPartner() {
    const body = { name: `Partner ${word(this.rng, 8)}`, status: 'onboarding', notes: word(this.rng, 30) };
    return this.create('partner', this.clients.vendor, '/api/v1/partners', body, ['name', 'notes'], '/api/v1/partners');
  }

  private createProgram() {
    const body = {
      name: `Program ${word(this.rng, 8)}`,
      programType: 'reseller',
      currency: 'EUR',
      description: word(this.rng, 20),
    };
    return this.create(
      'program',
      this.clients.vendor,
      '/api/v1/programs',
      body,
      ['name', 'description'],
      '/api/v1/programs',
    );
  }

  private createUser() {
    const body = {
      email: `${word(this.rng, 10)}@example.com`,
      name: `User ${word(this.rng, 6)}`,
      password: 'correct-horse-battery-staple',
      role: 'channel_manager',
    };
    return this.create('user', this.clients.vendor, '/api/v1/users', body, ['email', 'name', 'role'], '/api/v1/users');
  }

  private registerDraft() {
    const name = `${word(this.rng, 7)} ${word(this.rng, 6)}`;
    const body = {
      programId: this.clients.programId,
      customerName: `${name} Inc.`,
      customerDomain: `${name.replace(' ', '-')}.com`,
      customerCountry: 'DE',
      contactName: `Pat ${word(this.rng, 6)}`,
      contactEmail: `${word(this.rng, 8)}@example.com`,
      expectedCloseDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      amount: Math.floor(this.rng() * 10_000_000),
      notes: word(this.rng, 30),
      submit: false,
    };
    const keys = ['customerName', 'customerDomain', 'amount', 'notes', 'status'];
    return this.create('deal', this.clients.partner, '/api/v1/deals', body, keys, '/api/v1/deals');
  }

  /** A PATCH of `change` on one of this writer's objects; `keys` are the fields compared afterwards. */
  private async update(target: Tracked | undefined, change: Fields, keys: string[]) {
    if (!target || target.acked === 'gone') return;
    const client = this.clients.vendor;
    await this.send(
      target,
      { fields: { ...target.acked.fields, ...change } },
      () => client.request('PATCH', target.path, change),
      200,
      (json) => {
        target.acked = { fields: fieldsOf(json, keys) };
      },
    );
  }

  private async attach(deal: Tracked) {
    const bytes = textBytes(this.rng, 1024 + Math.floor(this.rng() * 96 * 1024));
    const filename = `${word(this.rng, 8)}.txt`;
    const client = this.clients.partner;
    await this.send(
      null,
      null,
      () =>
        client.request('POST', `${deal.path}/attachments?filename=${filename}`, bytes, {
          'content-type': 'text/plain',
        }),
      201,
      (json) => {
        const view = json as { id: string; sha256: string };
        // what the server says it stored is what was sent
        if (view.sha256 !== sha256(bytes))
          this.ledger.failures.push(`attachment ${view.id}: acknowledged another hash`);
        this.track('attachment', view.id, `${deal.path}/attachments/${view.id}`, { sha256: sha256(bytes), filename });
      },
    );
  }

  private async submit(deal: Tracked) {
    if (deal.acked === 'gone') return;
    const client = this.clients.partner;
    // a submission in flight may have landed: submitted, or a conflict if the customer looked taken
    const intended = { fields: { ...deal.acked.fields, status: 'submitted|conflict' } };
    await this.send(
      deal,
      intended,
      () => client.request('POST', `${deal.path}/submit`, {}),
      200,
      (json) => {
        deal.acked = { fields: fieldsOf(json, Object.keys(intended.fields)) };
      },
    );
  }

  /** Deletes an object; a registration's files go with it. */
  private async remove(target: Tracked, client: KeyClient) {
    const files = this.mine.filter((t) => t.kind === 'attachment' && t.path.startsWith(`${target.path}/`));
    for (const f of files) {
      f.pending = 'gone';
      f.dirty = true;
    }
    await this.send(
      target,
      'gone',
      () => client.request('DELETE', target.path),
      204,
      () => {
        for (const t of [target, ...files]) {
          t.acked = 'gone';
          t.pending = null;
        }
      },
    );
    // refused (answered, not a 2xx): the files stay
    if (target.acked !== 'gone') for (const f of files) f.pending = null;
  }
}

/** Runs `writers` writers until the server dies under all of them. */
export async function writeUntilKilled(rng: Random, writers: number, clients: Clients, ledger: Ledger) {
  await Promise.all(Array.from({ length: writers }, (_, n) => new Writer(n, rng, clients, ledger).run()));
}

const matches = (state: State, current: State) => {
  if (state === 'gone' || current === 'gone') return state === current;
  return Object.entries(state.fields).every(([k, v]) =>
    k === 'status' && v === 'submitted|conflict'
      ? ['submitted', 'conflict'].includes(current.fields[k] as string)
      : JSON.stringify(v) === JSON.stringify(current.fields[k]),
  );
};

/** Reads an object back as the API shows it: its compared fields, or gone. Attachments: the bytes' hash. */
async function readBack(t: Tracked, clients: Clients): Promise<State> {
  const client = t.kind === 'deal' || t.kind === 'attachment' ? clients.partner : clients.vendor;
  const res = await client.request('GET', t.path);
  if (res.statusCode === 404) return 'gone';
  if (res.statusCode !== 200) throw new Error(`${t.kind} ${t.id}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  if (t.kind === 'attachment') {
    const disposition = /filename\*=UTF-8''(.*)$/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
    return { fields: { sha256: sha256(res.bytes), filename: decodeURIComponent(disposition) } };
  }
  const json = res.json() as Fields;
  if (t.kind === 'deal') {
    // every file the registration lists is whole, acknowledged or not
    for (const a of json.attachments as { id: string; sha256: string }[]) {
      const file = await client.request('GET', `${t.path}/attachments/${a.id}`);
      if (file.statusCode !== 200 || sha256(file.bytes) !== a.sha256)
        throw new Error(`attachment ${a.id} is not whole`);
    }
  }
  return { fields: json };
}

/**
 * Checks every object written since its last check (or every object, `all`) against what was acknowledged.
 * A write left unanswered that did land becomes the acknowledged state: later checks hold the server to it.
 * Returns the problems found and how many objects were read.
 */
export async function verify(
  ledger: Ledger,
  clients: Clients,
  all: boolean,
): Promise<{ problems: string[]; read: number }> {
  const due = ledger.objects.filter((t) => all || t.dirty);
  const problems: string[] = [];
  const queue = [...due];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) {
        let current: State;
        try {
          current = await readBack(t, clients);
        } catch (error) {
          problems.push(String(error));
          continue;
        }
        if (matches(t.acked, current)) t.pending = null;
        else if (t.pending && matches(t.pending, current)) {
          t.acked = current === 'gone' ? 'gone' : { fields: pickFields(t.pending, current) };
          t.pending = null;
        } else {
          problems.push(
            `${t.kind} ${t.id}: expected ${JSON.stringify(t.acked)}, found ${JSON.stringify(current === 'gone' ? current : pickFields(t.acked, current))}`,
          );
        }
        t.dirty = false;
      }
    }),
  );
  return { problems, read: due.length };
}

const pickFields = (like: State, current: { fields: Fields }) =>
  like === 'gone' ? current.fields : fieldsOf(current.fields, Object.keys(like.fields));
