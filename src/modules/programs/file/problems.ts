import { AppError } from '../../../platform/errors.js';

export type PathSegment = string | number;

/** Something wrong at a place in a program file; line and column (1-based) when the text was at hand. */
export type Problem = { path: PathSegment[]; message: string; line?: number; column?: number };

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A place in a file as people write it: `tiers[1].criteria[0].metric`; a key that is not a plain word is quoted,
 * `tiers[2].benefits["Co-branded collateral"]`. The file as a whole is `source` (the API's field for it).
 */
export function fieldOf(path: readonly PathSegment[]): string {
  let field = '';
  for (const segment of path) {
    if (typeof segment === 'number') field += `[${segment}]`;
    else if (WORD.test(segment)) field += field ? `.${segment}` : segment;
    else field += `[${JSON.stringify(segment)}]`;
  }
  return field || 'source';
}

const located = (p: Problem) => (p.line ? `${p.message} (line ${p.line}, column ${p.column})` : p.message);

/** One refusal carrying every problem of a file, so that a person can fix them all in one go. */
export class ProgramFileError extends AppError {
  constructor(readonly problems: Problem[]) {
    const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
    super(
      'validation_failed',
      `The program file has ${count}`,
      problems.map((p) => ({ field: fieldOf(p.path), message: located(p) })),
    );
  }
}
