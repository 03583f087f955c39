import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface SectionProps {
  /** The heading's id; the section is labelled by it. */
  id: string;
  title: ReactNode;
  /** Buttons or links shown at the right of the heading (the heading row stays when they are `false`). */
  actions?: ReactNode;
  children: ReactNode;
}

/** A page section under a level-two heading. */
export function Section({ id, title, actions, children }: SectionProps) {
  return (
    <section aria-labelledby={id}>
      {actions !== undefined ? (
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {actions}
        </Group>
      ) : (
        <Title order={2} size="h3" id={id} mb="sm">
          {title}
        </Title>
      )}
      {children}
    </section>
  );
}
