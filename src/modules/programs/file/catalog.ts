import { type FieldChange, fieldChanges } from './fields.js';
import type { Problem } from './problems.js';
import type { BenefitState, CatalogBenefit, ProgramState } from './state.js';

/** What else the database holds that a plan depends on: the catalog entries and products the file may mean. */
export type Known = { benefits?: CatalogBenefit[]; productTitles?: string[] };

/** A benefit of the file with the catalog entry it means (null: a new one) and how that entry must change. */
export type BenefitPair = {
  index: number;
  desired: BenefitState;
  entry: CatalogBenefit | null;
  /** The program links the entry already. */
  linked: boolean;
  catalogChanges: FieldChange[];
  problems: Problem[];
};

/** Matches each benefit of the file to the catalog: by key, else by name in any case. */
export function pairBenefits(current: ProgramState | null, desired: ProgramState, known: Known = {}): BenefitPair[] {
  const catalog = new Map<string, CatalogBenefit>();
  for (const b of [...(known.benefits ?? []), ...(current?.benefits ?? [])])
    if (b.id) catalog.set(b.id, { ...b, id: b.id });
  const entries = [...catalog.values()];
  const linkedIds = new Set(current?.benefits.map((b) => b.id));
  const claimed = new Map<string, number>();
  return desired.benefits.map((desiredBenefit, index) => {
    const problems: Problem[] = [];
    const at = (field: string, message: string) => problems.push({ path: ['benefits', index, field], message });
    const byKey = desiredBenefit.key ? entries.find((e) => e.key === desiredBenefit.key) : undefined;
    const byName = entries.find((e) => e.name.toLowerCase() === desiredBenefit.name.toLowerCase());
    const entry = byKey ?? byName ?? null;
    if (byKey && byName && byName.id !== byKey.id)
      at('name', `another benefit of the catalog is named ${byName.name}; ${byKey.key} is named ${byKey.name}`);
    if (!byKey && byName?.key && desiredBenefit.key)
      at('key', `the catalog’s benefit ${byName.name} has the key ${byName.key}`);
    const twin = entry ? claimed.get(entry.id) : undefined;
    if (twin !== undefined) at('name', `means the same benefit of the catalog as benefits[${twin}] (${entry!.name})`);
    if (entry) claimed.set(entry.id, index);
    if (entry && entry.valueType !== desiredBenefit.valueType)
      at('value_type', `the catalog’s benefit ${entry.name} is a ${entry.valueType} benefit`);
    const catalogChanges = entry
      ? fieldChanges(
          { key: entry.key, name: entry.name, description: entry.description, category: entry.category },
          {
            // a key is added to an entry that has none; a name is only renamed when the key identifies the entry
            ...(desiredBenefit.key && !entry.key ? { key: desiredBenefit.key } : {}),
            ...(byKey ? { name: desiredBenefit.name } : {}),
            description: desiredBenefit.description,
            category: desiredBenefit.category,
          },
        )
      : [];
    return {
      index,
      desired: desiredBenefit,
      entry,
      linked: entry ? linkedIds.has(entry.id) : false,
      catalogChanges,
      problems,
    };
  });
}
