import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requireAccess } from '../../../platform/access/require-access.js';
import type { Ctx } from '../../../platform/context.js';
import type { Tx } from '../../../platform/db/database.js';
import { conflict, notFound } from '../../../platform/errors.js';
import { read, write } from '../../../platform/unit-of-work.js';
import { parseInput } from '../../../platform/validation.js';
import { partnersAtTiers } from '../../enrollments/service.js';
import { productTitlesAmong } from '../../products/service.js';
import { programs } from '../schema.js';
import { applyState } from './apply.js';
import { programSourceBody } from './contracts.js';
import { type Change, diffStates, formatChanges } from './diff.js';
import { programFileSchema, PROGRAM_FILE_FORMAT } from './format.js';
import { locateProblems, type ParseOptions, parseProgramText } from './parse.js';
import { type Problem, ProgramFileError } from './problems.js';
import { renderProgramFile } from './render.js';
import { loadCatalog, loadState, type ProgramState, stateFromFile } from './state.js';

export type ProgramPlan = { key: string; programId: string | null; changes: Change[]; summary: string };
export type ProgramExport = { key: string; fileName: string; text: string };

/** What applying a program file would change; changes nothing. */
export async function planProgram(ctx: Ctx, text: string, options: ParseOptions = {}): Promise<ProgramPlan> {
  requireAccess(ctx.actor, 'program.read');
  const source = parseInput(programSourceBody, { source: text }).source;
  const desired = desiredState(source, options);
  return read(ctx, async (tx) => {
    const { current, changes } = await compare(tx, source, desired);
    return { key: desired.key, programId: current?.id ?? null, changes, summary: formatChanges(changes) };
  });
}

/** Makes the program what the file says, in one transaction; applying the same file again changes nothing. */
export async function applyProgram(ctx: Ctx, text: string, options: ParseOptions = {}): Promise<ProgramPlan> {
  requireAccess(ctx.actor, 'program.write');
  const source = parseInput(programSourceBody, { source: text }).source;
  const desired = desiredState(source, options);
  return write(ctx, 'program.apply', async (tx) => {
    // two applies of one key take turns, so the second sees the first's program instead of inserting another
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`program:${desired.key}`}))`);
    const { current, changes } = await compare(tx, source, desired);
    const programId = await applyState(tx, ctx, current, desired, changes);
    return { key: desired.key, programId, changes, summary: formatChanges(changes) };
  });
}

/** The program as a file that applies back with no change; by id, or by key. */
export async function exportProgram(ctx: Ctx, idOrKey: string): Promise<ProgramExport> {
  requireAccess(ctx.actor, 'program.read');
  return read(ctx, async (tx) => {
    const byId = z.uuid().safeParse(idOrKey).success
      ? await tx.select({ key: programs.key }).from(programs).where(eq(programs.id, idOrKey))
      : [];
    const [found] =
      byId.length > 0 ? byId : await tx.select({ key: programs.key }).from(programs).where(eq(programs.key, idOrKey));
    const state = found ? await loadState(tx, found.key) : null;
    if (!state) throw notFound('Program');
    const schemaUrl = `${ctx.config.publicUrl}/api/v1/schemas/program.json`;
    return { key: state.key, fileName: `${state.key}.yaml`, text: renderProgramFile(state, { schemaUrl }) };
  });
}

/** The JSON Schema of the program file format, for editors and for checking files before they are sent. */
export function programFileJsonSchema(id?: string): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(programFileSchema(), { io: 'input', target: 'draft-2020-12' });
  return {
    $schema,
    ...(id ? { $id: id } : {}),
    title: `Trellis program file (${PROGRAM_FILE_FORMAT})`,
    description: 'A whole partner program: see docs/programs-as-code.md.',
    ...schema,
  };
}

function desiredState(text: string, options: ParseOptions): ProgramState {
  return stateFromFile(parseProgramText(text, options));
}

/** The program as it is, and the changes the file asks for; refuses what cannot be done, every problem at once. */
async function compare(tx: Tx, text: string, desired: ProgramState) {
  const current = await loadState(tx, desired.key);
  if (current?.archived)
    throw conflict(`The program ${desired.key} is archived; restore it before applying a file to it`);
  const known = {
    benefits: await loadCatalog(tx, desired.benefits),
    productTitles: await existingProductTitles(tx, desired),
  };
  const problems = await enrolledTierProblems(tx, current, desired);
  let changes: Change[] = [];
  try {
    changes = diffStates(current, desired, known);
  } catch (error) {
    if (!(error instanceof ProgramFileError)) throw error;
    problems.unshift(...error.problems);
  }
  if (problems.length > 0) throw new ProgramFileError(locateProblems(text, problems));
  return { current, changes };
}

async function existingProductTitles(tx: Tx, desired: ProgramState): Promise<string[]> {
  return productTitlesAmong(
    tx,
    desired.products.map((p) => p.title),
  );
}

/** A tier partners are enrolled at cannot go: they would lose their tier without anyone deciding where to. */
async function enrolledTierProblems(tx: Tx, current: ProgramState | null, desired: ProgramState): Promise<Problem[]> {
  const keep = new Set(desired.tiers.map((t) => t.key));
  const leaving = (current?.tiers ?? []).filter((t) => !keep.has(t.key));
  if (leaving.length === 0) return [];
  const counts = await partnersAtTiers(
    tx,
    leaving.map((t) => t.id!),
  );
  const rows = [...counts].map(([tierId, partners]) => ({ tierId, partners }));
  return rows.map((r) => {
    const tier = leaving.find((t) => t.id === r.tierId)!;
    const partners = r.partners === 1 ? '1 partner is' : `${r.partners} partners are`;
    return {
      path: ['tiers'],
      message: `cannot remove the tier ${tier.key} (${tier.name}): ${partners} enrolled at it; move them to another tier first`,
    };
  });
}
