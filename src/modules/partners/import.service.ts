import { and, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { requireAccess } from '../../platform/access/require-access.js';
import type { Ctx } from '../../platform/context.js';
import { csvProblem, refusedImport } from '../../platform/csv.js';
import { read, write } from '../../platform/unit-of-work.js';
import { findUserByEmail, staffRefs } from '../identity/users.service.js';
import { createPartnerBody, type ListPartnersQuery, type PartnerView } from './contracts.js';
import { type CsvProblem, readPartnerCsv, writePartnerCsv } from './csv.js';
import { normalizeDomain } from './rules/domain.js';
import { partners } from './schema.js';
import { insertPartner, listPartners } from './service.js';

export const importResultView = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int(),
    problems: z.array(csvProblem),
  })
  .meta({ id: 'PartnerImportResult' });
export type ImportResult = z.infer<typeof importResultView>;

const FIELD_TO_COLUMN: Record<string, string> = {
  legalName: 'legal_name',
  partnerTypes: 'partner_types',
  companySize: 'company_size',
  camUserId: 'cam_email',
};

/**
 * Imports partners from CSV. Every row is checked first — fields, the CAM's email, domains already taken or
 * repeated in the file — and any problem refuses the whole file; a dry run only reports. Nothing is half done.
 */
export async function importPartners(ctx: Ctx, text: string, options: { dryRun: boolean }): Promise<ImportResult> {
  requireAccess(ctx.actor, 'partner.write');
  const { rows, problems } = readPartnerCsv(text);
  const check = async (tx: Parameters<Parameters<typeof read>[1]>[0]) => {
    const inputs = [];
    const all: CsvProblem[] = [...problems];
    const seen = new Map<string, number>();
    for (const { line, values } of rows) {
      let camUserId: string | null = null;
      if (typeof values.cam_email === 'string') {
        const cam = await findUserByEmail(tx, values.cam_email);
        if (!cam || cam.partnerId) all.push({ row: line, field: 'cam_email', message: 'is not a vendor user' });
        else camUserId = cam.id;
      }
      const parsed = createPartnerBody.safeParse({
        name: values.name ?? '',
        legalName: values.legal_name,
        website: values.website,
        country: values.country ?? null,
        regions: values.regions,
        partnerTypes: values.partner_types,
        industries: values.industries,
        companySize: values.company_size ?? null,
        status: values.status,
        tags: values.tags,
        notes: values.notes,
        camUserId,
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? 'row');
          all.push({ row: line, field: FIELD_TO_COLUMN[field] ?? field, message: issue.message });
        }
        continue;
      }
      const domain = normalizeDomain(parsed.data.website);
      if (domain && seen.has(domain))
        all.push({ row: line, field: 'website', message: `repeats the domain ${domain} of row ${seen.get(domain)}` });
      if (domain) seen.set(domain, line);
      inputs.push({ line, input: parsed.data, domain });
    }
    const domains = [...seen.keys()];
    if (domains.length) {
      const taken = await tx
        .select({ name: partners.name, domain: partners.domain })
        .from(partners)
        .where(and(isNotNull(partners.domain), inArray(partners.domain, domains)));
      for (const t of taken)
        all.push({
          row: seen.get(t.domain!)!,
          field: 'website',
          message: `the partner ${t.name} has the domain ${t.domain} already`,
        });
    }
    return { inputs, problems: all.sort((a, b) => a.row - b.row) };
  };

  if (options.dryRun) {
    const result = await read(ctx, check);
    return { dryRun: true, rows: rows.length, created: 0, problems: result.problems };
  }
  return write(ctx, 'partner.import', async (tx) => {
    const { inputs, problems: found } = await check(tx);
    if (found.length) throw refusedImport(found);
    for (const { input } of inputs) await insertPartner(tx, ctx, input);
    return { dryRun: false, rows: rows.length, created: inputs.length, problems: [] };
  });
}

/** Partners matching the list's filters as CSV, in the columns the import reads. */
export async function exportPartners(ctx: Ctx, query: ListPartnersQuery): Promise<string> {
  requireAccess(ctx.actor, 'partner.write');
  const all: PartnerView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPartners(ctx, { ...query, cursor, limit: 100 });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < 100_000);
  const cams = await read(ctx, (tx) =>
    staffRefs(
      tx,
      all.map((p) => p.camUserId),
    ),
  );
  return writePartnerCsv(
    all.map((p) => ({ ...p, camEmail: p.camUserId ? (cams.get(p.camUserId)?.email ?? null) : null })),
  );
}
