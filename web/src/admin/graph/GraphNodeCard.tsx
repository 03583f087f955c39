import { Box, Text } from '@mantine/core';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { capitalize } from '../../components/format';
import { NODE_HEIGHT, NODE_WIDTH } from './layout';
import { kindStyle, nodeKind } from './nodeKinds';
import type { GraphNode } from './types';

export type GraphFlowNode = Node<{ node: GraphNode }, 'upg'>;

/** The second line of a node: its type, and its status when it has one. */
export function nodeSubtitle(node: GraphNode): string {
  const label = nodeKind(node.type).label;
  return node.status ? `${label} · ${capitalize(node.status)}` : label;
}

// Edges need handles to attach to; nobody draws new edges here, so they stay invisible.
const hiddenHandle = { visibility: 'hidden' } as const;

/** One node on the canvas: title, then type and status, in its type's shape and colour. */
export function GraphNodeCard({ data, selected }: NodeProps<GraphFlowNode>) {
  const kind = nodeKind(data.node.type);
  const pill = kind.radius === 999;
  return (
    <Box
      w={NODE_WIDTH}
      h={NODE_HEIGHT}
      px={pill ? 'xl' : 'sm'}
      title={data.node.title}
      style={{
        ...kindStyle(kind),
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        boxShadow: selected ? '0 0 0 3px var(--mantine-color-indigo-9)' : undefined,
      }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} style={hiddenHandle} />
      <Text size="sm" fw={700} c="gray.9" truncate="end">
        {data.node.title}
      </Text>
      <Text size="xs" c="gray.8" truncate="end">
        {nodeSubtitle(data.node)}
      </Text>
      <Handle type="source" position={Position.Right} isConnectable={false} style={hiddenHandle} />
    </Box>
  );
}
