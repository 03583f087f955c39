import { Box, Button, Group, List, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import { Link } from 'react-router';
import { capitalize } from '../../components/format';
import { Linkify } from '../../components/Linkify';
import { StatusBadge } from '../../components/StatusBadge';
import { Tags } from '../products/ProductList';
import { nodeKind } from './nodeKinds';
import type { GraphNode } from './types';

// Property names whose words capitalize() would spell wrong.
const PROPERTY_LABELS: Record<string, string> = {
  api_style: 'API style',
  portal_url: 'Portal URL',
  share_percentage: 'Share (%)',
};

function propertyLabel(key: string): string {
  return PROPERTY_LABELS[key] ?? capitalize(key);
}

function Scalar({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <>—</>;
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  if (typeof value === 'string') return <Linkify text={value} />;
  if (typeof value === 'number') return <>{value}</>;
  return <>{JSON.stringify(value)}</>;
}

function PropertyValue({ value }: { value: unknown }) {
  if (!Array.isArray(value)) return <Scalar value={value} />;
  if (value.length === 0) return <>—</>;
  return (
    <List size="sm" spacing={2}>
      {value.map((item, i) => (
        <List.Item key={i}>
          <Scalar value={item} />
        </List.Item>
      ))}
    </List>
  );
}

interface NodeDetailsProps {
  node: GraphNode;
  /** The console page where the node is edited, when there is one. */
  pagePath: string | null;
  onFocus: () => void;
}

/** Everything the graph says about one node, for the side panel; its title is the panel's. */
export function NodeDetails({ node, pagePath, onFocus }: NodeDetailsProps) {
  const properties = Object.entries(node.properties ?? {});
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {nodeKind(node.type).label}
        </Text>
        {node.status && <StatusBadge status={node.status} />}
      </Group>
      {node.description && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {node.description}
        </Text>
      )}
      {node.tags && node.tags.length > 0 && <Tags tags={node.tags} />}
      {properties.length > 0 && (
        <Box
          component="dl"
          m={0}
          style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 16, rowGap: 8 }}
        >
          {properties.map(([key, value]) => (
            <Fragment key={key}>
              <Text component="dt" size="sm" fw={600}>
                {propertyLabel(key)}
              </Text>
              <Text component="dd" size="sm" m={0}>
                <PropertyValue value={value} />
              </Text>
            </Fragment>
          ))}
        </Box>
      )}
      <Group>
        {pagePath && (
          <Button component={Link} to={pagePath}>
            Open page
          </Button>
        )}
        <Button variant="default" onClick={onFocus}>
          Focus on this node
        </Button>
      </Group>
    </Stack>
  );
}
