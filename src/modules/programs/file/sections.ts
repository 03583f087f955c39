import type { z } from 'zod';
import type { Ctx } from '../../../platform/context.js';
import type { Tx } from '../../../platform/db/database.js';

/** A section's data as the file writes it: snake_case fields, nested objects, the file's units. */
export type SectionData = Record<string, unknown>;

/**
 * A top-level part of the program file that another module owns and stores (deal registration settings). The
 * module contributes it at start-up, so the programs module plans, applies and exports it without importing
 * that module, which imports programs. A section is optional in a file: a file without it leaves it as it is.
 */
export type ProgramFileSection<T extends SectionData = SectionData> = {
  /** The file's field; also the kind and path of the plan's change. */
  name: string;
  /** The field's schema; problems are reported at their path under `name`. Its output is what `read` gives. */
  schema: z.ZodType<T>;
  /** A line the export writes above the section. */
  comment: string;
  /** What the program runs on now, every field filled in, in the schema's output form. */
  read(tx: Tx, programId: string): Promise<T>;
  /** Makes the program run on `to`, in the caller's transaction; checks access and audits like the module's API. */
  write(tx: Tx, ctx: Ctx, programId: string, to: T): Promise<void>;
};

let registered: readonly ProgramFileSection[] = [];

/** Adds a module's section to the format; registering the same section again (each app a test builds) is a no-op. */
export function registerProgramFileSection<T extends SectionData>(section: ProgramFileSection<T>): void {
  const same = registered.find((s) => s.name === section.name);
  if (same === (section as unknown as ProgramFileSection)) return;
  if (same) throw new Error(`program file section ${section.name} is registered twice`);
  registered = [...registered, section as unknown as ProgramFileSection];
}

/** The registered sections, in registration order; a new array whenever one is added. */
export const programFileSections = (): readonly ProgramFileSection[] => registered;
