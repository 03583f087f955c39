import '@xyflow/react/dist/style.css';
import './graph.css';
import { Box, useMantineTheme } from '@mantine/core';
import { Background, Controls, MarkerType, MiniMap, ReactFlow, type Edge } from '@xyflow/react';
import { useMemo, type KeyboardEvent } from 'react';
import { edgeVerb } from './edgeVerbs';
import { GraphNodeCard, nodeSubtitle, type GraphFlowNode } from './GraphNodeCard';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './layout';
import { nodeKind } from './nodeKinds';
import type { GraphEdge, GraphNode } from './types';

const NODE_TYPES = { upg: GraphNodeCard };

// The library's defaults speak of dragging and deleting, which this read-only view does not offer; it reads
// one node description or the other depending on its keyboard setting, so both say the same.
const ARIA_LABELS = {
  'node.a11yDescription.default': 'Press Enter to show the details of this node.',
  'node.a11yDescription.keyboardDisabled': 'Press Enter to show the details of this node.',
  'controls.ariaLabel': 'Zoom controls',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit the graph to the view',
  'minimap.ariaLabel': 'Overview of the graph',
};

interface GraphCanvasProps {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The node whose details are open, drawn as selected. */
  openId: string | null;
  onOpen: (id: string) => void;
  /** The id of the text that tells keyboard users how to use the canvas. */
  describedBy: string;
}

function toFlow(nodes: GraphNode[], edges: GraphEdge[]): { nodes: GraphFlowNode[]; edges: Edge[] } {
  const positions = layoutGraph(nodes, edges);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const at = (n: GraphNode) => positions.get(n.id) ?? { x: 0, y: 0 };
  // Tab follows the drawing, column by column and down each column, not the order the server sent.
  const ordered = [...nodes].sort((a, b) => at(a).x - at(b).x || at(a).y - at(b).y);
  return {
    nodes: ordered.map((n) => ({
      id: n.id,
      type: 'upg',
      position: at(n),
      // known sizes let the minimap and fitView work before the library measures the nodes
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      data: { node: n },
      ariaLabel: `${n.title}, ${nodeSubtitle(n)}`,
    })),
    edges: edges
      .filter((e) => byId.has(e.source) && byId.has(e.target))
      .map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        label: edgeVerb(e.type),
        ariaLabel: `${byId.get(e.source)?.title} ${edgeVerb(e.type)} ${byId.get(e.target)?.title}`,
        markerEnd: { type: MarkerType.ArrowClosed, color: 'var(--mantine-color-gray-7)' },
        style: { stroke: 'var(--mantine-color-gray-7)' },
        labelStyle: { fill: 'var(--mantine-color-gray-9)', fontSize: 12 },
        labelBgStyle: { fill: 'var(--mantine-color-white)' },
        labelBgPadding: [4, 2] as [number, number],
      })),
  };
}

/** The graph, laid out left to right; read-only: pan, zoom, and open a node by click or Enter. */
export function GraphCanvas({ nodes, edges, openId, onOpen, describedBy }: GraphCanvasProps) {
  const theme = useMantineTheme();
  const flow = useMemo(() => toFlow(nodes, edges), [nodes, edges]);
  const shown = useMemo(
    () => flow.nodes.map((n) => (n.id === openId ? { ...n, selected: true } : n)),
    [flow.nodes, openId],
  );

  // Nodes are focusable, but the library has no callback for Enter on one, so the key is caught as it bubbles.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLElement)) return;
    const id = event.target.closest('.react-flow__node')?.getAttribute('data-id');
    if (!id) return;
    event.preventDefault();
    onOpen(id);
  };

  return (
    <Box h="calc(100dvh - 320px)" mih={420} onKeyDown={onKeyDown} className="trellis-graph">
      <ReactFlow
        aria-label="Product graph"
        aria-describedby={describedBy}
        nodes={shown}
        edges={flow.edges}
        nodeTypes={NODE_TYPES}
        onNodeClick={(_, node) => onOpen(node.id)}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable
        edgesFocusable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        minZoom={0.1}
        fitView
        colorMode="light"
        ariaLabelConfig={ARIA_LABELS}
      >
        <Background gap={24} color="var(--mantine-color-gray-4)" />
        <Controls showInteractive={false} />
        <MiniMap<GraphFlowNode>
          pannable
          zoomable
          nodeColor={(n) => theme.colors[nodeKind(n.data.node.type).color]?.[6] ?? theme.colors.gray[6]}
          nodeStrokeWidth={0}
        />
      </ReactFlow>
    </Box>
  );
}
