import type { CSSProperties } from 'react';
import { capitalize } from '../../components/format';

/** How one node type is named and drawn; shape and colour both differ so neither alone carries the type. */
export interface NodeKind {
  label: string;
  /** A Mantine colour; borders use shade 8, fills shade 0, so dark text stays readable on them. */
  color: string;
  radius: CSSProperties['borderRadius'];
  borderStyle: CSSProperties['borderStyle'];
  /** Order among siblings: programs list tiers first, then the ecosystem. */
  rank: number;
}

export const NODE_KINDS: Record<string, NodeKind> = {
  product: { label: 'Product', color: 'indigo', radius: 4, borderStyle: 'double', rank: 0 },
  partner_program: { label: 'Partner program', color: 'teal', radius: 999, borderStyle: 'solid', rank: 1 },
  partner_tier: { label: 'Partner tier', color: 'grape', radius: 0, borderStyle: 'solid', rank: 2 },
  integration_partner: { label: 'Integration partner', color: 'orange', radius: 12, borderStyle: 'dashed', rank: 3 },
  partner_revenue_share: { label: 'Revenue share', color: 'green', radius: 12, borderStyle: 'dotted', rank: 4 },
  api_ecosystem: { label: 'API ecosystem', color: 'blue', radius: 4, borderStyle: 'dashed', rank: 5 },
  developer_portal: { label: 'Developer portal', color: 'cyan', radius: 4, borderStyle: 'dotted', rank: 6 },
};

const OTHER: NodeKind = { label: 'Other', color: 'gray', radius: 4, borderStyle: 'solid', rank: 99 };

/** A type the server may add later still draws, in grey, under its own name. */
export function nodeKind(type: string): NodeKind {
  return NODE_KINDS[type] ?? { ...OTHER, label: capitalize(type) };
}

/** The CSS for a node of this kind: its border and a light fill. */
export function kindStyle(kind: NodeKind): CSSProperties {
  return {
    borderColor: `var(--mantine-color-${kind.color}-8)`,
    borderStyle: kind.borderStyle,
    borderWidth: kind.borderStyle === 'double' ? 4 : 2,
    borderRadius: kind.radius,
    background: `var(--mantine-color-${kind.color}-0)`,
  };
}
