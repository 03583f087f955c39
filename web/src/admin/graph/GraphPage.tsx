import { Anchor, Drawer, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { CenteredLoader } from '../../components/CenteredLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { GraphCanvas } from './GraphCanvas';
import { DEPTHS, GraphControls } from './GraphControls';
import { GraphLegend } from './GraphLegend';
import { NodeDetails } from './NodeDetails';
import { pagePath } from './pageLink';
import type { GraphDocument, GraphNode } from './types';

const DEFAULT_DEPTH = 2;
const HINT_ID = 'graph-keyboard-hint';

function parseDepth(value: string | null): number {
  const depth = Number(value);
  return (DEPTHS as readonly number[]).includes(depth) ? depth : DEFAULT_DEPTH;
}

function GraphLoader() {
  return <CenteredLoader py="xl" size="md" label="Loading the graph" />;
}

/** The product graph: products, their partner programs and what each program holds, to explore and download. */
export function GraphPage() {
  usePageTitle('Graph');
  // The focus lives in the address, so a focused view can be linked to and Back undoes a change.
  const [params, setParams] = useSearchParams();
  const root = params.get('root') ?? '';
  const depth = parseDepth(params.get('depth'));
  const [openId, setOpenId] = useState<string | null>(null);

  const whole = useQuery({ queryKey: ['graph', 'whole'], queryFn: () => api.get<GraphDocument>('/graph') });
  const focused = useQuery({
    queryKey: ['graph', 'focus', root, depth],
    queryFn: () => api.get<GraphDocument>('/graph', { root, depth }),
    enabled: root !== '',
  });
  const shown = root ? focused : whole;

  // The whole graph knows every program, even the ones a focused view leaves out.
  const known = useMemo(() => {
    const nodes = new Map<string, GraphNode>();
    for (const n of [...(whole.data?.nodes ?? []), ...(shown.data?.nodes ?? [])]) nodes.set(n.id, n);
    return { nodes, edges: [...(shown.data?.edges ?? []), ...(whole.data?.edges ?? [])] };
  }, [whole.data, shown.data]);
  const openNode = openId ? (known.nodes.get(openId) ?? null) : null;

  const focus = (nextRoot: string, nextDepth: number) => {
    setOpenId(null);
    setParams({ root: nextRoot, depth: String(nextDepth) });
  };
  const reset = () => {
    setOpenId(null);
    setParams({});
  };

  const heading = <Title order={1}>Graph</Title>;
  if (whole.isPending) {
    return (
      <Stack>
        {heading}
        <GraphLoader />
      </Stack>
    );
  }
  if (whole.isError) {
    return (
      <Stack>
        {heading}
        <ErrorAlert error={whole.error} />
      </Stack>
    );
  }
  if (whole.data.nodes.length === 0) {
    return (
      <Stack>
        {heading}
        <Text>No programs yet</Text>
        <Anchor component={Link} to="/console/programs">
          Go to Programs
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack>
      {heading}
      <Text size="sm" id={HINT_ID}>
        Your products, their partner programs and what each program holds. Drag to pan, scroll to zoom; click a node, or
        move to it with Tab and press Enter, to see its details.
      </Text>
      <GraphControls nodes={whole.data.nodes} root={root} depth={depth} onFocus={focus} onReset={reset} />
      {shown.isPending ? (
        <GraphLoader />
      ) : shown.isError ? (
        <ErrorAlert error={shown.error} />
      ) : (
        <>
          <GraphLegend nodes={shown.data.nodes} />
          <GraphCanvas
            // a new focus starts from a fitted view
            key={`${root}|${depth}`}
            nodes={shown.data.nodes}
            edges={shown.data.edges}
            openId={openId}
            onOpen={setOpenId}
            describedBy={HINT_ID}
          />
        </>
      )}
      <Drawer
        opened={openNode !== null}
        onClose={() => setOpenId(null)}
        position="right"
        // inside <main>, so its <header> is not read as a second page banner; pinned left, as it would be in <body>
        withinPortal={false}
        title={openNode?.title}
        styles={{ inner: { left: 0 }, title: { fontSize: 'var(--mantine-font-size-xl)', fontWeight: 700 } }}
        closeButtonProps={{ 'aria-label': 'Close details' }}
      >
        {openNode && (
          <NodeDetails
            node={openNode}
            pagePath={pagePath(openNode, known.edges, known.nodes)}
            onFocus={() => focus(openNode.id, depth)}
          />
        )}
      </Drawer>
    </Stack>
  );
}
