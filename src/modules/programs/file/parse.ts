import type { z } from 'zod';
import { ImageError } from '../../../platform/images/errors.js';
import { parseDataUri, prepareBadge, toDataUri } from '../../../platform/images/badge.js';
import { readBadgeFiles } from './badge-files.js';
import { PROGRAM_FILE_FORMAT, type ProgramFile, programFileSchema } from './format.js';
import { fieldOf, type Problem, ProgramFileError } from './problems.js';
import { programFileSections, type SectionData } from './sections.js';
import { openSource } from './source.js';

export type ParseOptions = {
  /** The folder badge file names are read from (the command line and templates); the API gives none. */
  baseDir?: string;
};

/**
 * A program file's text (YAML or JSON) as a checked ProgramFile whose badges are prepared data URIs (sanitized,
 * typed by their bytes). Every problem — syntax, schema, badges — is refused together in one ProgramFileError,
 * each at its path in the file with its line and column.
 */
export function parseProgramText(text: string, options: ParseOptions = {}): ProgramFile {
  const source = openSource(text);
  // past a syntax error the document's shape is a guess; report those alone
  if (source.syntaxProblems.length > 0) throw new ProgramFileError(source.syntaxProblems);
  let raw: unknown;
  try {
    raw = source.doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ProgramFileError([{ path: [], message: error instanceof Error ? error.message : String(error) }]);
  }
  if (raw === null || raw === undefined)
    throw new ProgramFileError([
      { path: [], message: `is empty; a program file starts with format: ${PROGRAM_FILE_FORMAT}` },
    ]);
  const { files, problems } = readBadgeFiles(source.doc, options.baseDir);
  const tiers = (raw as { tiers?: unknown } | null)?.tiers;
  for (const f of files) (tiers as Record<string, unknown>[])[f.tier]!.badge = f.uri;

  const parsed = programFileSchema().safeParse(raw, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  });
  if (!parsed.success) problems.push(...parsed.error.issues.flatMap(problemsOf));
  const badges = prepareBadges(tiers, problems);
  if (problems.length > 0) throw new ProgramFileError(inFileOrder(source.locate(problems)));

  const file = withSectionsApart(parsed.data!);
  file.tiers.forEach((tier, i) => {
    if (tier.badge) tier.badge = badges.get(i)!;
  });
  return file;
}

/** The contributed sections a file writes, moved from its top level to `sections`. */
function withSectionsApart(data: Record<string, unknown>): ProgramFile {
  const own = { ...data };
  const sections: Record<string, SectionData> = {};
  for (const { name } of programFileSections()) {
    if (own[name] !== undefined) sections[name] = own[name] as SectionData;
    delete own[name];
  }
  return { ...(own as Omit<ProgramFile, 'sections'>), sections };
}

// people fix a file from the top down
const inFileOrder = (problems: Problem[]) =>
  [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));

/** A zod issue as problems; an unknown key points at the key itself, one problem each. */
function problemsOf(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => ({ path: [...path, key], message: 'is not a field of the program file format' }));
  return [{ path, message: issue.message }];
}

/** Checks every inline badge by its bytes; the prepared form (SVGs rebuilt clean) replaces what was written. */
function prepareBadges(tiers: unknown, problems: Problem[]): Map<number, string> {
  const prepared = new Map<number, string>();
  if (!Array.isArray(tiers)) return prepared;
  tiers.forEach((tier: unknown, i) => {
    const badge = (tier as { badge?: unknown } | null)?.badge;
    const path = ['tiers', i, 'badge'];
    if (typeof badge !== 'string' || problems.some((p) => fieldOf(p.path) === fieldOf(path))) return;
    try {
      const ready = prepareBadge(parseDataUri(badge));
      prepared.set(i, toDataUri(ready.contentType, ready.bytes));
    } catch (error) {
      if (!(error instanceof ImageError)) throw error;
      problems.push({ path, message: error.message });
    }
  });
  return prepared;
}

/** Problems found later (against the database) placed in the text they came from. */
export function locateProblems(text: string, problems: Problem[]): Problem[] {
  return openSource(text).locate(problems);
}
