import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Document, isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { MAX_BADGE_BYTES } from '../../../platform/images/badge.js';
import { sniffImageType } from '../../../platform/images/sniff.js';
import { type Problem, ProgramFileError } from './problems.js';
import { openSource } from './source.js';

/** A tier badge written as a file name, and the data URI of that file. */
export type BadgeFile = { tier: number; node: Scalar; uri: string };

// a URL scheme has two letters or more; `c:` is a drive letter
const URL_LIKE = /^[a-z][a-z0-9+.-]+:/i;
const OUTSIDE = 'must stay inside the program file’s folder';

/**
 * The badges that name a file instead of inlining a data URI, read from `baseDir`. Without a base folder (an
 * upload through the API) a file name is refused: the server reads no files on a caller's behalf.
 */
export function readBadgeFiles(
  doc: Document,
  baseDir: string | undefined,
): { files: BadgeFile[]; problems: Problem[] } {
  const files: BadgeFile[] = [];
  const problems: Problem[] = [];
  const tiers = doc.get('tiers', true);
  if (!isSeq(tiers)) return { files, problems };
  tiers.items.forEach((tier, i) => {
    const node = isMap(tier) ? tier.get('badge', true) : undefined;
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.startsWith('data:')) return;
    const read = readBadgeFile(node.value, baseDir);
    if ('problem' in read) problems.push({ path: ['tiers', i, 'badge'], message: read.problem });
    else files.push({ tier: i, node, uri: read.uri });
  });
  return { files, problems };
}

function readBadgeFile(name: string, baseDir: string | undefined): { uri: string } | { problem: string } {
  if (!baseDir)
    return { problem: 'must be a data URI (data:image/svg+xml;base64,…); only the command line reads badge files' };
  if (URL_LIKE.test(name))
    return { problem: 'must be a data URI or the path of an image file beside the program file' };
  if (path.isAbsolute(name)) return { problem: 'must be a path relative to the program file’s folder' };
  const base = realpathSync(baseDir);
  const inside = (p: string) => {
    const rel = path.relative(base, p);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  };
  if (!inside(path.resolve(base, name))) return { problem: OUTSIDE };
  let real: string;
  try {
    real = realpathSync(path.resolve(base, name));
  } catch {
    return { problem: `names a file that does not exist: ${name}` };
  }
  // a link inside the folder may point anywhere
  if (!inside(real)) return { problem: OUTSIDE };
  const stat = statSync(real);
  if (!stat.isFile()) return { problem: `names something that is not a file: ${name}` };
  if (stat.size > MAX_BADGE_BYTES)
    return { problem: `must be at most ${MAX_BADGE_BYTES / 1024} KB (${name} is ${Math.ceil(stat.size / 1024)} KB)` };
  const bytes = readFileSync(real);
  // the type in the URI is a label only; the bytes decide when the badge is prepared
  const type = sniffImageType(bytes) ?? 'application/octet-stream';
  return { uri: `data:${type};base64,${bytes.toString('base64')}` };
}

/**
 * The text with every badge file name replaced by its data URI, for sending a file to the server. Only the
 * badge scalars change, each on its own line, so the server's line numbers still match the file on disk.
 */
export function inlineBadgeFiles(text: string, baseDir: string): string {
  const source = openSource(text);
  // the server reports syntax errors with their places; nothing to inline in a broken document
  if (source.syntaxProblems.length > 0) return text;
  const { files, problems } = readBadgeFiles(source.doc, baseDir);
  if (problems.length > 0) throw new ProgramFileError(source.locate(problems));
  let inlined = text;
  // from the end backwards, so that the earlier offsets stay valid
  for (const { node, uri } of files.sort((a, b) => b.node.range![0] - a.node.range![0])) {
    const [start, end] = node.range!;
    inlined = inlined.slice(0, start) + JSON.stringify(uri) + inlined.slice(end);
  }
  return inlined;
}
