import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import { requireAccess } from '../../platform/access/require-access.js';
import { recordChange } from '../../platform/audit/record.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { read, write } from '../../platform/unit-of-work.js';
import { parseInput } from '../../platform/validation.js';
import {
  type MatrixView,
  setProgramBenefitsBody,
  type SetProgramBenefitsInput,
  setValuesBody,
  type SetValuesInput,
} from './contracts.js';
import {
  type BenefitValue,
  formatValue,
  fromStored,
  toStored,
  type ValueType,
  valueProblem,
} from './rules/benefit-values.js';
import { assertEditable, loadProgram } from './programs.service.js';
import { benefits, benefitValues, programBenefits, programTiers } from './schema.js';
import { benefitView } from './views.js';

/** For this module and the portal: a program's tier × benefit matrix, values in their human form. */
export async function matrixOf(tx: Tx, programId: string, currency: string): Promise<MatrixView> {
  const tiers = await tx
    .select({ id: programTiers.id, key: programTiers.key, name: programTiers.name, rank: programTiers.rank })
    .from(programTiers)
    .where(eq(programTiers.programId, programId))
    .orderBy(asc(programTiers.rank));
  const rows = await tx
    .select({ benefit: benefits })
    .from(programBenefits)
    .innerJoin(benefits, eq(benefits.id, programBenefits.benefitId))
    .where(eq(programBenefits.programId, programId))
    .orderBy(asc(programBenefits.position));
  const types = new Map(rows.map((r) => [r.benefit.id, r.benefit.valueType as ValueType]));
  const cells = await tx.select().from(benefitValues).where(eq(benefitValues.programId, programId));
  const values = cells
    .filter((c) => types.has(c.benefitId))
    .map((c) => {
      const type = types.get(c.benefitId)!;
      const value = fromStored(type, c.value);
      return { tierId: c.tierId, benefitId: c.benefitId, value, display: formatValue(type, value, currency) };
    });
  return { programId, currency, tiers, benefits: rows.map((r) => benefitView(r.benefit)), values };
}

export async function getMatrix(ctx: Ctx, programId: string): Promise<MatrixView> {
  requireAccess(ctx.actor, 'program.read');
  return read(ctx, async (tx) => {
    const program = await loadProgram(tx, programId);
    return matrixOf(tx, programId, program.currency);
  });
}

/** The matrix rows, in order: benefits left out lose their values in this program. */
export async function setProgramBenefits(
  ctx: Ctx,
  programId: string,
  raw: SetProgramBenefitsInput,
): Promise<MatrixView> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(setProgramBenefitsBody, raw);
  return write(ctx, 'program.benefits', async (tx) => {
    const program = await loadProgram(tx, programId, true);
    assertEditable(program);
    const before = await matrixOf(tx, programId, program.currency);
    if (input.benefitIds.length) {
      const found = new Set(
        (await tx.select({ id: benefits.id }).from(benefits).where(inArray(benefits.id, input.benefitIds))).map(
          (r) => r.id,
        ),
      );
      const missing = input.benefitIds.findIndex((id) => !found.has(id));
      if (missing >= 0)
        throw new AppError('validation_failed', `benefitIds.${missing}: no such benefit`, [
          { field: `benefitIds.${missing}`, message: 'no such benefit' },
        ]);
    }
    await tx
      .delete(programBenefits)
      .where(
        and(
          eq(programBenefits.programId, programId),
          input.benefitIds.length ? notInArray(programBenefits.benefitId, input.benefitIds) : undefined,
        ),
      );
    for (const [position, benefitId] of input.benefitIds.entries()) {
      await tx
        .insert(programBenefits)
        .values({ programId, benefitId, position })
        .onConflictDoUpdate({ target: [programBenefits.programId, programBenefits.benefitId], set: { position } });
    }
    const after = await matrixOf(tx, programId, program.currency);
    await recordChange(tx, ctx, {
      action: 'program.benefits_changed',
      objectType: 'program',
      objectId: programId,
      partnerId: null,
      before: { benefits: before.benefits.map((b) => b.name) },
      after: { benefits: after.benefits.map((b) => b.name) },
    });
    return after;
  });
}

/** Sets matrix cells (null clears one); every value is checked against its benefit's type, all or nothing. */
export async function setBenefitValues(ctx: Ctx, programId: string, raw: SetValuesInput): Promise<MatrixView> {
  requireAccess(ctx.actor, 'program.write');
  const input = parseInput(setValuesBody, raw);
  return write(ctx, 'program.values', async (tx) => {
    const program = await loadProgram(tx, programId, true);
    assertEditable(program);
    const before = await matrixOf(tx, programId, program.currency);
    const tiers = new Set(before.tiers.map((t) => t.id));
    const types = new Map(before.benefits.map((b) => [b.id, b.valueType]));
    const errors = input.values.flatMap((cell, i) => {
      if (!tiers.has(cell.tierId)) return [{ field: `values.${i}.tierId`, message: 'is not a tier of this program' }];
      const type = types.get(cell.benefitId);
      if (!type) return [{ field: `values.${i}.benefitId`, message: 'is not a benefit of this program' }];
      const problem = cell.value === null ? null : valueProblem(type, cell.value);
      return problem ? [{ field: `values.${i}.value`, message: problem }] : [];
    });
    if (errors.length)
      throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    for (const cell of input.values) {
      const where = and(eq(benefitValues.tierId, cell.tierId), eq(benefitValues.benefitId, cell.benefitId));
      if (cell.value === null) {
        await tx.delete(benefitValues).where(where);
        continue;
      }
      const value = toStored(types.get(cell.benefitId)!, cell.value as BenefitValue);
      await tx
        .insert(benefitValues)
        .values({ programId, tierId: cell.tierId, benefitId: cell.benefitId, value })
        .onConflictDoUpdate({
          target: [benefitValues.tierId, benefitValues.benefitId],
          set: { value, updatedAt: new Date() },
        });
    }
    const after = await matrixOf(tx, programId, program.currency);
    const show = (m: MatrixView) => Object.fromEntries(m.values.map((v) => [`${v.tierId}:${v.benefitId}`, v.display]));
    await recordChange(tx, ctx, {
      action: 'program.values_changed',
      objectType: 'program',
      objectId: programId,
      partnerId: null,
      before: show(before),
      after: show(after),
    });
    return after;
  });
}
