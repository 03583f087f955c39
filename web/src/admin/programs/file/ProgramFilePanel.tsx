import { Text } from '@mantine/core';
import type { Program } from '../../../api/programs';

/** Placeholder: import and export of the program as a file. */
export function ProgramFilePanel({ program }: { program: Program }) {
  return <Text size="sm">{program.name} will be imported and exported as a program file here.</Text>;
}
