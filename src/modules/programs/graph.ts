import { asc, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.js';
import { ecosystemRows } from './ecosystem.service.js';
import { matrixOf } from './matrix.service.js';
import { type EcosystemType, graphProperties } from './rules/ecosystem.js';
import { productIdsOf } from './programs.service.js';
import { programs } from './schema.js';
import { tiersOf } from './tiers.service.js';

type Node = {
  id: string;
  type: string;
  title: string;
  description?: string;
  status?: string;
  tags?: string[];
  properties?: Record<string, unknown>;
};

/**
 * For the graph module: the programs (not archived) as graph nodes with what hangs off them, and the product
 * links. Tiers carry their order, level, requirements and benefits as the graph names them.
 */
export async function programGraph(tx: Tx) {
  const rows = await tx.select().from(programs).where(isNull(programs.archivedAt)).orderBy(asc(programs.name));
  const ids = new Set(rows.map((r) => r.id));
  const nodes: Node[] = [];
  const children: { id: string; type: string; programId: string }[] = [];
  for (const p of rows) {
    nodes.push({
      id: p.id,
      type: 'partner_program',
      title: p.name,
      description: p.description,
      status: p.status,
      tags: p.tags,
      properties: { program_type: p.programType, currency: p.currency, key: p.key },
    });
    const matrix = await matrixOf(tx, p.id, p.currency);
    const names = new Map(matrix.benefits.map((b) => [b.id, b.name]));
    for (const t of await tiersOf(tx, p.id, p.currency)) {
      const benefits = matrix.values
        .filter((v) => v.tierId === t.id)
        .map((v) => `${names.get(v.benefitId)}: ${v.display}`);
      nodes.push({
        id: t.id,
        type: 'partner_tier',
        title: t.name,
        description: t.description,
        properties: {
          tier_order: t.rank,
          tier_level: t.rank,
          requirements: t.requirements,
          benefits,
          invitation_only: t.invitationOnly,
        },
      });
      children.push({ id: t.id, type: 'partner_tier', programId: p.id });
    }
  }
  for (const n of await ecosystemRows(tx, [...ids])) {
    const type = n.nodeType as EcosystemType;
    nodes.push({
      id: n.id,
      type,
      title: n.title,
      description: n.description,
      ...(n.status ? { status: n.status } : {}),
      tags: n.tags,
      properties: graphProperties(type, n.properties),
    });
    children.push({ id: n.id, type, programId: n.programId });
  }
  const productLinks = [...(await productIdsOf(tx, [...ids]))].flatMap(([programId, productIds]) =>
    productIds.map((productId) => ({ programId, productId })),
  );
  return { nodes, children, productLinks };
}
