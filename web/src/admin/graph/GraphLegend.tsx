import { Box, Group, Text } from '@mantine/core';
import { kindStyle, nodeKind } from './nodeKinds';
import type { GraphNode } from './types';

/** The shape and colour of each node type on the canvas, for the types it shows. */
export function GraphLegend({ nodes }: { nodes: GraphNode[] }) {
  const kinds = [...new Set(nodes.map((n) => n.type))]
    .map((type) => ({ type, kind: nodeKind(type) }))
    .sort((a, b) => a.kind.rank - b.kind.rank || a.kind.label.localeCompare(b.kind.label));
  return (
    <Group component="ul" aria-label="Legend" gap="md" m={0} p={0} style={{ listStyle: 'none' }}>
      {kinds.map(({ type, kind }) => (
        <Group component="li" key={type} gap={6} wrap="nowrap">
          <Box w={28} h={16} aria-hidden style={kindStyle(kind)} />
          <Text size="sm">{kind.label}</Text>
        </Group>
      ))}
    </Group>
  );
}
