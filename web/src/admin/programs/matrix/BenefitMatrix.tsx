import { Text } from '@mantine/core';
import type { Program } from '../../../api/programs';

/** Placeholder: the tier × benefit matrix editor of the program. */
export function BenefitMatrix({ program }: { program: Program }) {
  return (
    <Text size="sm">The benefits of each tier of {program.name} will be edited here, as a tier × benefit matrix.</Text>
  );
}
