import { Document, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';
import { toDataUri } from '../../../platform/images/badge.js';
import type { ImageType } from '../../../platform/images/sniff.js';
import type { BenefitValue } from '../rules/benefit-values.js';
import type { EcosystemType } from '../rules/ecosystem.js';
import { PROGRAM_FILE_FORMAT } from './format.js';
import { programFileSections } from './sections.js';
import { benefitRef, NODE_LISTS, type NodeState, type ProgramState } from './state.js';

/** The state as a program file's data, every field in the format's order, defaults written out. */
export function fileDataOf(state: ProgramState): Record<string, unknown> {
  const nodesOf = (type: EcosystemType) =>
    state.nodes
      .filter((n) => n.type === type)
      .map((n: NodeState) => ({
        title: n.title,
        description: n.description,
        ...(n.status !== null ? { status: n.status } : {}),
        ...n.properties,
        tags: n.tags,
      }));
  return {
    format: PROGRAM_FILE_FORMAT,
    key: state.key,
    name: state.name,
    type: state.type,
    currency: state.currency,
    description: state.description,
    tags: state.tags,
    revenue_seasoning_days: state.revenueSeasoningDays,
    demotion_grace_days: state.demotionGraceDays,
    products: state.products.map((p) => ({ title: p.title })),
    benefits: state.benefits.map((b) => ({
      ...(b.key ? { key: b.key } : {}),
      name: b.name,
      category: b.category,
      value_type: b.valueType,
      description: b.description,
    })),
    tiers: state.tiers.map((t) => {
      // values in the order of the benefits, by the refs the benefits list gives
      const values: Record<string, BenefitValue> = {};
      for (const b of state.benefits) {
        const value = t.values[benefitRef(b)];
        if (value !== undefined) values[benefitRef(b)] = value;
      }
      return {
        key: t.key,
        name: t.name,
        description: t.description,
        invitation_only: t.invitationOnly,
        badge: t.badge ? toDataUri(t.badge.contentType as ImageType, t.badge.bytes) : null,
        criteria: t.criteria.map((c) => ({
          metric: c.metric,
          op: c.op,
          value: c.value,
          ...(c.certification ? { certification: c.certification } : {}),
          ...(c.specialization ? { specialization: c.specialization } : {}),
        })),
        benefits: values,
      };
    }),
    integration_partners: nodesOf('integration_partner'),
    revenue_shares: nodesOf('partner_revenue_share'),
    api_ecosystems: nodesOf('api_ecosystem'),
    developer_portals: nodesOf('developer_portal'),
    ...state.sections,
    policies: state.policies,
  };
}

const SECTIONS = ['products', 'benefits', 'tiers', ...Object.values(NODE_LISTS), 'policies'];

/** A program file people can read, edit and apply back: YAML with a header that says how to read it. */
export function renderProgramFile(state: ProgramState, options: { schemaUrl?: string } = {}): string {
  const doc = new Document(fileDataOf(state));
  doc.commentBefore = [
    ...(options.schemaUrl ? [` yaml-language-server: $schema=${options.schemaUrl}`, ''] : []),
    ` ${state.name}: a Trellis program file (${PROGRAM_FILE_FORMAT}), exported from Trellis.`,
    ' Money is in minor units of the currency (cents for USD); percentages are 0–100; days are whole days.',
    ' The program’s status is not part of the file: status moves keep their history in the console and the API.',
    ' Plan and apply changes with `trellis program plan|apply <file>`; see docs/programs-as-code.md.',
  ].join('\n');
  if (isMap(doc.contents)) {
    const contributed = new Map(programFileSections().map((s) => [s.name, s.comment]));
    for (const pair of doc.contents.items) {
      if (!isScalar(pair.key)) continue;
      const field = String(pair.key.value);
      if (contributed.has(field)) {
        pair.key.commentBefore = ` ${contributed.get(field)}`;
        // a section's lists of words on one line, as tags are
        if (isMap(pair.value)) visit(pair.value, { Seq: (_, seq) => void (seq.flow = seq.items.every(isScalar)) });
      } else if (!SECTIONS.includes(field)) continue;
      pair.key.spaceBefore = true;
      if (pair.key.value === 'policies')
        pair.key.commentBefore =
          ' Deal protection, incentives, MDF and onboarding policies, as later versions define them.';
    }
  }
  const tiers = doc.get('tiers');
  if (isSeq(tiers)) {
    tiers.items.forEach((tier, i) => {
      if (!isMap(tier)) return;
      if (i > 0) tier.spaceBefore = true;
      const criteria = tier.get('criteria');
      // one rule per line, as people write them
      if (isSeq(criteria)) for (const c of criteria.items) if (isMap(c)) c.flow = true;
    });
  }
  visit(doc, {
    Pair(_, pair) {
      // tags on one line, as people write them
      if (isScalar(pair.key) && pair.key.value === 'tags' && isSeq(pair.value)) pair.value.flow = true;
    },
    Scalar(_, node) {
      // long prose folds into a block like the templates'; a data URI has no spaces to fold at
      const v = node.value;
      if (typeof v === 'string' && v.length > 100 && !v.includes('\n') && !v.startsWith('data:'))
        node.type = Scalar.BLOCK_FOLDED;
    },
  });
  return doc.toString({ lineWidth: 120, singleQuote: true });
}
