import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.js';
import { parseDataUri, prepareBadge } from '../../../platform/images/badge.js';
import { type BenefitValue, fromStored, toStored, type ValueType } from '../rules/benefit-values.js';
import type { Criterion } from '../rules/criteria.js';
import { type EcosystemType, fromStoredProperties, toStoredProperties } from '../rules/ecosystem.js';
import type { ProgramType } from '../rules/program-lifecycle.js';
import {
  benefits as benefitsTable,
  benefitValues,
  ecosystemNodes,
  programBenefits,
  programProducts,
  programs,
  programTiers,
  tierBadges,
} from '../schema.js';
import { products as productsTable } from '../../products/schema.js';
import type { ProgramFile } from './format.js';
import { programFileSections, type SectionData } from './sections.js';

/**
 * A program as plain, comparable data: what a file says and what the database holds, in one shape, so that
 * planning is a comparison. Values are in the file's human form (percent 0–100). Rows read from the database
 * carry their ids; a state made from a file has none.
 */
export type ProgramState = {
  id?: string;
  archived?: boolean;
  key: string;
  name: string;
  type: ProgramType;
  currency: string;
  description: string;
  tags: string[];
  revenueSeasoningDays: number;
  demotionGraceDays: number;
  products: { id?: string; title: string }[];
  /** In matrix order; each with its catalog fields. */
  benefits: BenefitState[];
  /** In rank order, rank 1 first. */
  tiers: TierState[];
  /** Ecosystem nodes, each type in file order. */
  nodes: NodeState[];
  policies: Record<string, Record<string, unknown>>;
  /** Sections other modules contribute, by field: a file's are those it writes, the database's every one. */
  sections: Record<string, SectionData>;
};

export type BenefitState = {
  id?: string;
  key: string | null;
  name: string;
  description: string;
  category: string;
  valueType: ValueType;
};

export type BadgeState = { contentType: string; sha256: string; bytes: Uint8Array };

export type TierState = {
  id?: string;
  key: string;
  name: string;
  rank: number;
  description: string;
  invitationOnly: boolean;
  criteria: Criterion[];
  badge: BadgeState | null;
  /** By benefit ref (see benefitRef); a benefit not listed is not awarded at this tier. */
  values: Record<string, BenefitValue>;
};

export type NodeState = {
  id?: string;
  type: EcosystemType;
  title: string;
  description: string;
  /** null for revenue share plans, which have no lifecycle. */
  status: string | null;
  tags: string[];
  /** The type's own fields, as the file names them (see NODE_PROPERTIES). */
  properties: Record<string, unknown>;
};

/** How a file refers to a benefit: by its well-known key when it has one, else by its name. */
export const benefitRef = (b: Pick<BenefitState, 'key' | 'name'>): string => b.key ?? b.name;

/** The file's list of each ecosystem node type, in the order the file writes them. */
export const NODE_LISTS = {
  integration_partner: 'integration_partners',
  partner_revenue_share: 'revenue_shares',
  api_ecosystem: 'api_ecosystems',
  developer_portal: 'developer_portals',
} as const satisfies Record<EcosystemType, string>;

/** What a checked file means, in the comparable shape; the file's benefit refs become canonical refs. */
export function stateFromFile(file: ProgramFile): ProgramState {
  const benefits: BenefitState[] = file.benefits.map((b) => ({
    key: b.key ?? null,
    name: b.name,
    description: b.description,
    category: b.category,
    valueType: b.value_type,
  }));
  const byRef = new Map(benefits.flatMap((b) => [[b.name, b] as const, ...(b.key ? [[b.key, b] as const] : [])]));
  const tiers = file.tiers.map((t, i): TierState => {
    const values: Record<string, BenefitValue> = {};
    for (const [ref, value] of Object.entries(t.benefits)) {
      const benefit = byRef.get(ref)!;
      // through the stored form and back, so a value compares equal to what the database gives back
      values[benefitRef(benefit)] = fromStored(benefit.valueType, toStored(benefit.valueType, value));
    }
    return {
      key: t.key,
      name: t.name,
      rank: i + 1,
      description: t.description,
      invitationOnly: t.invitation_only,
      criteria: t.criteria,
      badge: t.badge ? badgeOf(t.badge) : null,
      values,
    };
  });
  const nodes = (Object.keys(NODE_LISTS) as EcosystemType[]).flatMap((type) =>
    file[NODE_LISTS[type]].map((n): NodeState => {
      const human = n as Record<string, unknown>;
      return {
        type,
        title: n.title,
        description: n.description,
        status: 'status' in n ? n.status : null,
        tags: n.tags,
        properties: fromStoredProperties(type, toStoredProperties(type, human)),
      };
    }),
  );
  const policies: Record<string, Record<string, unknown>> = {};
  for (const [name, policy] of Object.entries(file.policies)) if (policy !== undefined) policies[name] = policy;
  return {
    key: file.key,
    name: file.name,
    type: file.type,
    currency: file.currency,
    description: file.description,
    tags: file.tags,
    revenueSeasoningDays: file.revenue_seasoning_days,
    demotionGraceDays: file.demotion_grace_days,
    products: file.products.map((p) => ({ title: p.title })),
    benefits,
    tiers,
    nodes,
    policies,
    sections: file.sections,
  };
}

function badgeOf(dataUri: string): BadgeState {
  const { contentType, bytes, sha256 } = prepareBadge(parseDataUri(dataUri));
  return { contentType, bytes, sha256 };
}

/** What the database holds for the program with this key, or null when there is none. */
export async function loadState(tx: Tx, key: string): Promise<ProgramState | null> {
  const [program] = await tx.select().from(programs).where(eq(programs.key, key));
  if (!program) return null;
  const id = program.id;
  const products = await tx
    .select({ id: productsTable.id, title: productsTable.title })
    .from(programProducts)
    .innerJoin(productsTable, eq(productsTable.id, programProducts.productId))
    .where(eq(programProducts.programId, id))
    .orderBy(sql`lower(${productsTable.title})`, asc(productsTable.id));
  const benefitRows = await tx
    .select({ benefit: benefitsTable })
    .from(programBenefits)
    .innerJoin(benefitsTable, eq(benefitsTable.id, programBenefits.benefitId))
    .where(eq(programBenefits.programId, id))
    .orderBy(asc(programBenefits.position), asc(benefitsTable.name));
  const tierRows = await tx
    .select()
    .from(programTiers)
    .where(eq(programTiers.programId, id))
    .orderBy(asc(programTiers.rank));
  const badgeRows = await tx.select().from(tierBadges).where(eq(tierBadges.programId, id));
  const valueRows = await tx.select().from(benefitValues).where(eq(benefitValues.programId, id));
  const nodeRows = await tx
    .select()
    .from(ecosystemNodes)
    .where(eq(ecosystemNodes.programId, id))
    // nodes have no position of their own: listed by title, so an export reads the same every time
    .orderBy(sql`lower(${ecosystemNodes.title})`, asc(ecosystemNodes.id));

  const benefits = benefitRows.map(({ benefit }) => catalogEntry(benefit));
  const benefitById = new Map(benefits.map((b) => [b.id, b]));
  const tiers = tierRows.map((t): TierState => {
    const badge = badgeRows.find((b) => b.tierId === t.id);
    const values: Record<string, BenefitValue> = {};
    for (const v of valueRows.filter((row) => row.tierId === t.id)) {
      const benefit = benefitById.get(v.benefitId);
      if (benefit) values[benefitRef(benefit)] = fromStored(benefit.valueType, v.value);
    }
    return {
      id: t.id,
      key: t.key,
      name: t.name,
      rank: t.rank,
      description: t.description,
      invitationOnly: t.invitationOnly,
      criteria: t.criteria as Criterion[],
      badge: badge ? { contentType: badge.contentType, sha256: badge.sha256, bytes: badge.data } : null,
      values,
    };
  });
  const typeOrder = Object.keys(NODE_LISTS);
  const nodes = nodeRows
    .map((n): NodeState => {
      const type = n.nodeType as EcosystemType;
      return {
        id: n.id,
        type,
        title: n.title,
        description: n.description,
        status: n.status,
        tags: n.tags,
        properties: fromStoredProperties(type, n.properties),
      };
    })
    .sort((a, b) => typeOrder.indexOf(a.type) - typeOrder.indexOf(b.type));
  return {
    id,
    archived: program.archivedAt !== null,
    key: program.key,
    name: program.name,
    type: program.programType as ProgramType,
    currency: program.currency,
    description: program.description,
    tags: program.tags,
    revenueSeasoningDays: program.revenueSeasoningDays,
    demotionGraceDays: program.demotionGraceDays,
    products,
    benefits,
    tiers,
    nodes,
    policies: program.policies,
    sections: await readSections(tx, id),
  };
}

async function readSections(tx: Tx, programId: string): Promise<Record<string, SectionData>> {
  const sections: Record<string, SectionData> = {};
  for (const section of programFileSections()) sections[section.name] = await section.read(tx, programId);
  return sections;
}

/** An entry of the shared benefits catalog. */
export type CatalogBenefit = BenefitState & { id: string };

const catalogEntry = (b: typeof benefitsTable.$inferSelect): CatalogBenefit => ({
  id: b.id,
  key: b.key,
  name: b.name,
  description: b.description,
  category: b.category,
  valueType: b.valueType as ValueType,
});

/** The catalog entries a file's benefits could mean: those with one of their keys or (any case) names. */
export async function loadCatalog(tx: Tx, wanted: Pick<BenefitState, 'key' | 'name'>[]): Promise<CatalogBenefit[]> {
  const keys = wanted.flatMap((b) => (b.key ? [b.key] : []));
  const names = wanted.map((b) => b.name.toLowerCase());
  if (names.length === 0) return [];
  const rows = await tx
    .select()
    .from(benefitsTable)
    .where(
      or(
        keys.length > 0 ? inArray(benefitsTable.key, keys) : undefined,
        inArray(sql`lower(${benefitsTable.name})`, names),
      ),
    );
  return rows.map(catalogEntry);
}
