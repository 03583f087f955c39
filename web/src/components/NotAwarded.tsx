import { VisuallyHidden } from '@mantine/core';

/** An empty benefit cell: a dash on screen, "Not awarded" for screen readers. */
export function NotAwarded() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <VisuallyHidden>Not awarded</VisuallyHidden>
    </>
  );
}
