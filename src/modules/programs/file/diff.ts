import { lifecycleOfEcosystem } from '../rules/ecosystem.js';
import { type BenefitPair, type Known, pairBenefits } from './catalog.js';
import { created, type FieldChange, fieldChanges, flatFields, same } from './fields.js';
import { type Problem, ProgramFileError } from './problems.js';
import { benefitRef, NODE_LISTS, type NodeState, type ProgramState, type TierState } from './state.js';

export const CHANGE_KINDS = [
  'program',
  'product_link',
  'catalog_benefit',
  'benefit',
  'tier',
  'badge',
  'value',
  'integration_partner',
  'partner_revenue_share',
  'api_ecosystem',
  'developer_portal',
  'policy',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
const isOwnKind = (kind: string): kind is ChangeKind => (CHANGE_KINDS as readonly string[]).includes(kind);
/**
 * One thing a plan would create, update or delete; a create lists the new thing's fields (from null). `kind` is
 * a ChangeKind, or the field of a section another module contributes (sections.ts), which is also its path.
 */
export type Change = { op: 'create' | 'update' | 'delete'; kind: string; path: string; fields?: FieldChange[] };

const programFields = (p: ProgramState) => ({
  name: p.name,
  type: p.type,
  currency: p.currency,
  description: p.description,
  tags: p.tags,
  revenue_seasoning_days: p.revenueSeasoningDays,
  demotion_grace_days: p.demotionGraceDays,
});
const tierFields = (t: TierState) => ({
  name: t.name,
  rank: t.rank,
  description: t.description,
  invitation_only: t.invitationOnly,
  criteria: t.criteria,
});
const nodeFields = (n: NodeState) => ({
  title: n.title,
  description: n.description,
  ...(lifecycleOfEcosystem(n.type) ? { status: n.status } : {}),
  tags: n.tags,
  ...n.properties,
});
const badgeFields = (b: TierState['badge']) => (b ? { content_type: b.contentType, sha256: b.sha256 } : null);

export const valuePath = (tierKey: string, ref: string) => `${tierKey} × ${ref}`;
export const nodeId = (n: Pick<NodeState, 'type' | 'title'>) => `${n.type}:${n.title.toLowerCase()}`;

/** Status moves the nodes' lifecycles do not allow, at the places in the file that ask for them. */
function nodeProblems(current: ProgramState | null, desired: ProgramState): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(current?.nodes.map((n) => [nodeId(n), n]));
  const counters = new Map<string, number>();
  for (const n of desired.nodes) {
    const index = counters.get(n.type) ?? 0;
    counters.set(n.type, index + 1);
    const was = byId.get(nodeId(n));
    const lifecycle = lifecycleOfEcosystem(n.type);
    if (!was?.status || !n.status || !lifecycle || lifecycle.canMove(was.status, n.status)) continue;
    const allowed = lifecycle.allowedMoves(was.status).join(', ') || 'none';
    problems.push({
      path: [NODE_LISTS[n.type], index, 'status'],
      message: `cannot move from ${was.status} to ${n.status}; allowed: ${allowed}`,
    });
  }
  return problems;
}

/**
 * The changes that make `current` (null: no such program yet) into `desired`, by kind in the order of the file.
 * Refuses with a ProgramFileError when the file asks for what cannot be: a benefit at odds with the catalog, or a
 * status move the node's lifecycle does not allow. Things inside a deleted tier or benefit go with it unlisted.
 */
export function diffStates(current: ProgramState | null, desired: ProgramState, known: Known = {}): Change[] {
  const pairs = pairBenefits(current, desired, known);
  const problems = [...pairs.flatMap((p) => p.problems), ...nodeProblems(current, desired)];
  if (problems.length > 0) throw new ProgramFileError(problems);
  const changes: Change[] = [];
  const add = (change: Change) => changes.push(change);

  if (!current) add({ op: 'create', kind: 'program', path: desired.key, fields: created(programFields(desired)) });
  else {
    const fields = fieldChanges(programFields(current), programFields(desired));
    if (fields.length > 0) add({ op: 'update', kind: 'program', path: desired.key, fields });
  }

  const linkedTitles = new Set(current?.products.map((p) => p.title.toLowerCase()));
  const existingTitles = new Set(known.productTitles?.map((t) => t.toLowerCase()));
  for (const p of desired.products) {
    if (linkedTitles.has(p.title.toLowerCase())) continue;
    const fields = created({ title: p.title, new_product: !existingTitles.has(p.title.toLowerCase()) });
    add({ op: 'create', kind: 'product_link', path: p.title, fields });
  }
  const wantedTitles = new Set(desired.products.map((p) => p.title.toLowerCase()));
  for (const p of current?.products ?? [])
    if (!wantedTitles.has(p.title.toLowerCase())) add({ op: 'delete', kind: 'product_link', path: p.title });

  for (const { desired: b, entry, catalogChanges } of pairs) {
    const path = benefitRef(b);
    if (!entry) {
      const fields = created({
        key: b.key,
        name: b.name,
        value_type: b.valueType,
        category: b.category,
        description: b.description,
      });
      add({ op: 'create', kind: 'catalog_benefit', path, fields });
    } else if (catalogChanges.length > 0) add({ op: 'update', kind: 'catalog_benefit', path, fields: catalogChanges });
  }
  const position = new Map(current?.benefits.map((b, i) => [b.id, i + 1]));
  for (const { index, desired: b, entry, linked } of pairs) {
    const path = benefitRef(b);
    if (!linked) add({ op: 'create', kind: 'benefit', path, fields: created({ position: index + 1 }) });
    else if (position.get(entry!.id) !== index + 1)
      add({
        op: 'update',
        kind: 'benefit',
        path,
        fields: [{ field: 'position', from: position.get(entry!.id), to: index + 1 }],
      });
  }
  const keptIds = new Set(pairs.map((p) => p.entry?.id));
  for (const b of current?.benefits ?? [])
    if (!keptIds.has(b.id)) add({ op: 'delete', kind: 'benefit', path: benefitRef(b) });

  diffTiers(current, desired, pairs, add);
  diffNodes(current, desired, add);

  const before = current?.policies ?? {};
  for (const [name, policy] of Object.entries(desired.policies)) {
    if (!(name in before)) add({ op: 'create', kind: 'policy', path: name, fields: created({ settings: policy }) });
    else if (!same(before[name], policy))
      add({
        op: 'update',
        kind: 'policy',
        path: name,
        fields: [{ field: 'settings', from: before[name], to: policy }],
      });
  }
  for (const name of Object.keys(before))
    if (!(name in desired.policies)) add({ op: 'delete', kind: 'policy', path: name });
  diffSections(current, desired, add);
  return changes;
}

/** A section the file writes, setting by setting; one it leaves out stays as it is, so it has no changes. */
function diffSections(current: ProgramState | null, desired: ProgramState, add: (c: Change) => void) {
  for (const [name, section] of Object.entries(desired.sections)) {
    const before = current?.sections[name];
    if (!before) add({ op: 'create', kind: name, path: name, fields: created(flatFields(section)) });
    else {
      const fields = fieldChanges(flatFields(before), flatFields(section));
      if (fields.length > 0) add({ op: 'update', kind: name, path: name, fields });
    }
  }
}

function diffTiers(
  current: ProgramState | null,
  desired: ProgramState,
  pairs: BenefitPair[],
  add: (c: Change) => void,
) {
  const was = new Map(current?.tiers.map((t) => [t.key, t]));
  const wanted = new Set(desired.tiers.map((t) => t.key));
  for (const t of desired.tiers) {
    const before = was.get(t.key);
    if (!before) add({ op: 'create', kind: 'tier', path: t.key, fields: created(tierFields(t)) });
    else {
      const fields = fieldChanges(tierFields(before), tierFields(t));
      if (fields.length > 0) add({ op: 'update', kind: 'tier', path: t.key, fields });
    }
  }
  for (const t of current?.tiers ?? []) if (!wanted.has(t.key)) add({ op: 'delete', kind: 'tier', path: t.key });

  for (const t of desired.tiers) {
    const from = badgeFields(was.get(t.key)?.badge ?? null);
    const to = badgeFields(t.badge);
    if (!from && to) add({ op: 'create', kind: 'badge', path: t.key, fields: created(to) });
    else if (from && !to) add({ op: 'delete', kind: 'badge', path: t.key });
    else if (from && to && from.sha256 !== to.sha256)
      add({ op: 'update', kind: 'badge', path: t.key, fields: fieldChanges(from, to) });
  }

  // values compare by catalog entry, whatever ref each side writes
  const refOf = new Map<string, string>();
  for (const b of current?.benefits ?? []) if (b.id) refOf.set(b.id, benefitRef(b));
  const linkedRef = (p: BenefitPair) => (p.linked ? refOf.get(p.entry!.id) : undefined);
  for (const t of desired.tiers) {
    const before = was.get(t.key);
    for (const p of pairs) {
      const ref = benefitRef(p.desired);
      const oldRef = linkedRef(p);
      const from = before && oldRef !== undefined ? before.values[oldRef] : undefined;
      const to = t.values[ref];
      const path = valuePath(t.key, ref);
      if (from === undefined && to !== undefined)
        add({ op: 'create', kind: 'value', path, fields: created({ value: to }) });
      else if (from !== undefined && to === undefined) add({ op: 'delete', kind: 'value', path });
      else if (from !== undefined && !same(from, to))
        add({ op: 'update', kind: 'value', path, fields: [{ field: 'value', from, to }] });
    }
  }
}

function diffNodes(current: ProgramState | null, desired: ProgramState, add: (c: Change) => void) {
  const was = new Map(current?.nodes.map((n) => [nodeId(n), n]));
  const wanted = new Set(desired.nodes.map(nodeId));
  for (const type of Object.keys(NODE_LISTS) as NodeState['type'][]) {
    for (const n of desired.nodes.filter((node) => node.type === type)) {
      const before = was.get(nodeId(n));
      if (!before) add({ op: 'create', kind: type, path: n.title, fields: created(nodeFields(n)) });
      else {
        const fields = fieldChanges(nodeFields(before), nodeFields(n));
        if (fields.length > 0) add({ op: 'update', kind: type, path: n.title, fields });
      }
    }
    for (const n of current?.nodes ?? [])
      if (n.type === type && !wanted.has(nodeId(n))) add({ op: 'delete', kind: type, path: n.title });
  }
}

const LABELS: Record<ChangeKind, string> = {
  program: 'program',
  product_link: 'product link',
  catalog_benefit: 'catalog benefit',
  benefit: 'benefit',
  tier: 'tier',
  badge: 'badge',
  value: 'value',
  integration_partner: 'integration partner',
  partner_revenue_share: 'revenue share',
  api_ecosystem: 'API ecosystem',
  developer_portal: 'developer portal',
  policy: 'policy',
};

/** A value as a line shows it: JSON, cut short; a change's full values are in its fields. */
function show(value: unknown, max = 60): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function createdNote(change: Change): string {
  if (!isOwnKind(change.kind)) return '';
  const to = Object.fromEntries((change.fields ?? []).map((f) => [f.field, f.to]));
  if (change.kind === 'value') return `: ${show(to.value)}`;
  if (change.kind === 'badge') return ` (${String(to.content_type)}, sha256 ${String(to.sha256).slice(0, 12)})`;
  if (change.kind === 'product_link') return to.new_product ? ' (a new product)' : '';
  if (change.kind === 'benefit') return ` (position ${String(to.position)})`;
  if (typeof to.name === 'string' && to.name !== change.path) return ` (${to.name})`;
  return typeof to.status === 'string' ? ` (${to.status})` : '';
}

function updatedNote(change: Change): string {
  return (change.fields ?? [])
    .map((f) =>
      change.kind === 'value'
        ? `${show(f.from)} → ${show(f.to)}`
        : f.field === 'sha256'
          ? `sha256 ${String(f.from).slice(0, 12)} → ${String(f.to).slice(0, 12)}`
          : `${f.field} ${show(f.from)} → ${show(f.to)}`,
    )
    .join(', ');
}

/** The plan as people read it, a line per change and a count: `+ tier certified (Certified)`. */
export function formatChanges(changes: Change[]): string {
  if (changes.length === 0) return 'No changes.';
  const lines = changes.map((c) => {
    // a section's changes are named by its field, as the file writes it
    const what = isOwnKind(c.kind) ? `${LABELS[c.kind]} ${c.path}` : c.path;
    if (c.op === 'create') return `+ ${what}${createdNote(c)}`;
    if (c.op === 'delete') return `- ${what}`;
    return `~ ${what}: ${updatedNote(c)}`;
  });
  const count = (op: Change['op']) => changes.filter((c) => c.op === op).length;
  const parts = [`${count('create')} to create`, `${count('update')} to update`, `${count('delete')} to delete`];
  const total = changes.length === 1 ? '1 change' : `${changes.length} changes`;
  return [...lines, '', `${total}: ${parts.join(', ')}.`].join('\n');
}
