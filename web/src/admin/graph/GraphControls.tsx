import { Button, Group, NativeSelect, Select } from '@mantine/core';
import { API_BASE } from '../../api/client';
import { nodeKind } from './nodeKinds';
import type { GraphNode } from './types';

export const DEPTHS = [1, 2, 3, 4, 5] as const;

interface GraphControlsProps {
  /** Every node of the whole graph, to focus on. */
  nodes: GraphNode[];
  root: string;
  depth: number;
  onFocus: (root: string, depth: number) => void;
  onReset: () => void;
}

/** Options grouped by type, titles in alphabetical order, so a long list stays searchable by eye too. */
function focusOptions(nodes: GraphNode[]) {
  const groups = new Map<string, { rank: number; items: { value: string; label: string }[] }>();
  for (const n of nodes) {
    const kind = nodeKind(n.type);
    const group = groups.get(kind.label) ?? { rank: kind.rank, items: [] };
    group.items.push({ value: n.id, label: n.title });
    groups.set(kind.label, group);
  }
  return [...groups.entries()]
    .sort(([a, x], [b, y]) => x.rank - y.rank || a.localeCompare(b))
    .map(([label, g]) => ({ group: label, items: g.items.sort((a, b) => a.label.localeCompare(b.label)) }));
}

/** Focus on one node's neighbourhood, back to the whole graph, or download it. */
export function GraphControls({ nodes, root, depth, onFocus, onReset }: GraphControlsProps) {
  return (
    <Group align="flex-end" gap="md">
      <Select
        label="Focus"
        placeholder="Search nodes by title"
        searchable
        clearable
        nothingFoundMessage="No node has that title"
        data={focusOptions(nodes)}
        value={root || null}
        onChange={(value) => (value ? onFocus(value, depth) : onReset())}
        w={320}
        clearButtonProps={{ 'aria-label': 'Clear focus' }}
        // kept inside <main>, so the open list is inside a landmark
        comboboxProps={{ withinPortal: false }}
      />
      <NativeSelect
        label="Depth"
        data={DEPTHS.map(String)}
        value={String(depth)}
        onChange={(e) => onFocus(root, Number(e.currentTarget.value))}
        disabled={!root}
        w={90}
      />
      <Button variant="default" onClick={onReset} disabled={!root}>
        Whole graph
      </Button>
      <Button component="a" href={`${API_BASE}/graph.upg`} download variant="default">
        Download .upg
      </Button>
    </Group>
  );
}
