import { Center, Loader, type MantineSize } from '@mantine/core';

/** A loader in the middle of where the content will be; `label` is what is loading, for screen readers. */
export function CenteredLoader({
  label,
  py = 'lg',
  size = 'sm',
}: {
  label: string;
  py?: MantineSize;
  size?: MantineSize;
}) {
  return (
    <Center py={py}>
      <Loader size={size} aria-label={label} />
    </Center>
  );
}
