import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, createTestEnv, makePartner, signedIn, type TestEnv } from '../../test/app.js';

let env: TestEnv;
let admin: Browser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = (await signedIn(env, 'admin')).browser;
});
afterAll(() => env.close());

const fields = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
type Partner = {
  id: string;
  name: string;
  domain: string | null;
  notes?: string;
  camName: string | null;
  status: string;
};

describe('partner profiles', () => {
  it('keeps the whole profile, normalizes the domain, and filters by each field', async () => {
    const { user: cam } = await signedIn(env, 'channel_manager');
    const res = await admin.request('POST', '/api/v1/partners', {
      name: 'Globex',
      legalName: 'Globex Corporation GmbH',
      website: 'https://WWW.Globex.example/en/',
      country: 'de',
      regions: ['europe', 'middle_east'],
      partnerTypes: ['reseller', 'msp'],
      industries: ['Manufacturing'],
      companySize: '201-500',
      camUserId: cam.id,
      status: 'onboarding',
      tags: ['dach'],
      notes: 'Met at the partner summit',
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Partner & { country: string };
    expect(p).toMatchObject({
      domain: 'globex.example',
      country: 'DE',
      camName: cam.name,
      notes: 'Met at the partner summit',
    });

    for (const query of [
      'status=onboarding',
      'country=DE',
      'region=europe',
      'partnerType=msp',
      'industry=Manufacturing',
      'companySize=201-500',
      `camUserId=${cam.id}`,
      'tag=dach',
      'domain=http://globex.example',
      'q=corporation',
    ]) {
      const list = (await admin.request('GET', `/api/v1/partners?${query}`)).json() as { items: Partner[] };
      expect(
        list.items.map((x) => x.id),
        query,
      ).toContain(p.id);
    }
    const other = (await admin.request('GET', '/api/v1/partners?region=oceania')).json() as { items: Partner[] };
    expect(other.items.map((x) => x.id)).not.toContain(p.id);

    const bad = await admin.request('POST', '/api/v1/partners', {
      name: 'X',
      country: 'XX',
      website: 'not a site',
      companySize: 'huge',
      camUserId: crypto.randomUUID(),
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['companySize', 'country', 'website']);
  });

  it('lets a partner admin edit its own profile fields, never the vendor’s, and never see the notes', async () => {
    const partner = await makePartner(env);
    await admin.request('PATCH', `/api/v1/partners/${partner.id}`, { notes: 'Slow to pay', status: 'active' });
    const { browser: pa } = await signedIn(env, 'partner_admin', partner.id);
    const own = await pa.request('PATCH', `/api/v1/partners/${partner.id}`, {
      legalName: 'Own Ltd',
      website: 'own.example',
      regions: ['oceania'],
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ legalName: 'Own Ltd', domain: 'own.example' });
    expect((own.json() as Partner).notes).toBeUndefined();

    const sneaky = await pa.request('PATCH', `/api/v1/partners/${partner.id}`, {
      status: 'churned',
      notes: 'x',
      name: 'Ok',
    });
    expect(sneaky.statusCode).toBe(403);
    expect(fields(sneaky).sort()).toEqual(['notes', 'status']);
    expect((await admin.request('GET', `/api/v1/partners/${partner.id}`)).json() as Partner).toMatchObject({
      status: 'active',
      notes: 'Slow to pay',
      name: partner.name,
    });

    const other = await makePartner(env);
    expect((await pa.request('PATCH', `/api/v1/partners/${other.id}`, { legalName: 'Mine now' })).statusCode).toBe(404);
    const { browser: member } = await signedIn(env, 'partner_member', partner.id);
    expect((await member.request('PATCH', `/api/v1/partners/${partner.id}`, { legalName: 'Member' })).statusCode).toBe(
      403,
    );
  });

  it('takes a logo checked from its bytes', async () => {
    const partner = await makePartner(env);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>x</script><rect width="4" height="4"/></svg>',
    );
    const put = await admin.request('PUT', `/api/v1/partners/${partner.id}/logo`, svg, {
      'content-type': 'image/svg+xml',
    });
    expect(put.statusCode, put.body).toBe(200);
    const logo = await admin.request('GET', (put.json() as { logoUrl: string }).logoUrl);
    expect(logo.body).toContain('<rect');
    expect(logo.body).not.toContain('script');
    const html = await admin.request('PUT', `/api/v1/partners/${partner.id}/logo`, Buffer.from('<html></html>'), {
      'content-type': 'image/png',
    });
    expect(fields(html)).toEqual(['logo']);
  });
});

describe('partner CSV', () => {
  const csv = (lines: string[]) => Buffer.from(lines.join('\n'));
  const send = (body: Buffer, dryRun: boolean) =>
    admin.request('POST', `/api/v1/partners/import?dryRun=${dryRun}`, body, { 'content-type': 'text/csv' });

  it('a dry run lists every bad row and writes nothing; a bad file imports nothing', async () => {
    await admin.request('POST', '/api/v1/partners', { name: 'Taken', website: 'taken.example' });
    const file = csv([
      'name,website,country,regions,status,cam_email',
      'Good One,good-one.example,FR,europe,active,',
      ',nameless.example,FR,,active,',
      'Bad Country,bad-country.example,XX,,active,',
      'Dup,https://www.taken.example/,US,,active,',
      'Twin A,twin.example,US,,active,',
      'Twin B,http://twin.example,US,,active,',
      'No Cam,no-cam.example,US,,active,nobody@example.com',
      'Bad Region,bad-region.example,US,mars,active,',
    ]);
    const before = ((await admin.request('GET', '/api/v1/partners?limit=100')).json() as { items: unknown[] }).items
      .length;
    const dry = await send(file, true);
    expect(dry.statusCode).toBe(200);
    const result = dry.json() as { rows: number; created: number; problems: { row: number; field: string }[] };
    expect(result.rows).toBe(8);
    expect(result.created).toBe(0);
    expect(result.problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'name'],
      [4, 'country'],
      [5, 'website'],
      [7, 'website'],
      [8, 'cam_email'],
      [9, 'regions'],
    ]);
    const real = await send(file, false);
    expect(real.statusCode).toBe(400);
    expect(fields(real)).toContain('rows[4].country');
    const after = ((await admin.request('GET', '/api/v1/partners?limit=100')).json() as { items: unknown[] }).items
      .length;
    expect(after).toBe(before);
  });

  it('imports a clean file and exports partners that import back as duplicates', async () => {
    const { user: cam } = await signedIn(env, 'channel_manager');
    const file = csv([
      'Name,Legal name,Website,Country,Regions,Partner types,Industries,Company size,Status,Tags,CAM email,Notes',
      `Initech,Initech LLC,initech.example,US,north_america;europe,reseller;consulting,Software;Finance,51-200,onboarding,east;priority,${cam.email},"Quoted, with a comma"`,
      'Hooli,,hooli.example,US,,technology,,,prospect,,,',
    ]);
    const done = await send(file, false);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ created: 2, problems: [] });
    const found = (await admin.request('GET', '/api/v1/partners?domain=initech.example')).json() as {
      items: (Partner & { regions: string[]; tags: string[] })[];
    };
    expect(found.items[0]).toMatchObject({
      name: 'Initech',
      regions: ['north_america', 'europe'],
      tags: ['east', 'priority'],
      notes: 'Quoted, with a comma',
      camName: cam.name,
      status: 'onboarding',
    });

    const exported = await admin.request('GET', '/api/v1/partners/export.csv?partnerType=reseller&country=US');
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body).toContain('Initech');
    expect(exported.body).toContain(cam.email);
    expect(exported.body).not.toContain('Hooli');
    const again = await send(Buffer.from(exported.body), true);
    expect((again.json() as { problems: { field: string; message: string }[] }).problems.map((p) => p.field)).toContain(
      'website',
    );

    const { browser: viewer } = await signedIn(env, 'viewer');
    expect((await viewer.request('GET', '/api/v1/partners/export.csv')).statusCode).toBe(403);
  });
});
