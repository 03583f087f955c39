import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Finds credentials in server logs: the test suites write their logs to a folder, and this scan fails the run
 * when any password, API key, session or CSRF token, one-time link token or authorization header got in.
 */

export type Finding = { kind: string; line: number; excerpt: string };

const NOT_REDACTED = String.raw`(?!\[redacted\])`;
const PATTERNS: [kind: string, pattern: RegExp][] = [
  ['API key secret', /trl_[A-Za-z0-9_-]{16,}/],
  ['local operator token', /local_[A-Za-z0-9_-]{16,}/],
  ['authorization header', new RegExp(String.raw`\b(?:Bearer|Basic)\s+${NOT_REDACTED}[A-Za-z0-9._~+/=-]{8,}`, 'i')],
  ['session cookie', new RegExp(String.raw`trellis_session=${NOT_REDACTED}[^;\s"\\]{8,}`)],
  [
    'credential field',
    new RegExp(
      String.raw`"(?:password|newPassword|passwordHash|secret|token|csrfToken|x-csrf-token|authorization|cookie|set-cookie|setupToken)"\s*:\s*"${NOT_REDACTED}[^"]+"`,
      'i',
    ),
  ],
  ['token in a link', new RegExp(String.raw`[?&](?:token|secret|key)=${NOT_REDACTED}[^&#\s"\\]{8,}`, 'i')],
  [
    'invitation token in a path',
    new RegExp(String.raw`/auth/invitations/(?!accept\b)${NOT_REDACTED}[A-Za-z0-9_-]{16,}`),
  ],
  ['password hash', /scrypt\$\d+\$\d+\$\d+\$/],
];

/** Every line of `text` that holds a credential, with what kind it is; `passwords` are searched for verbatim. */
export function findSecrets(text: string, passwords: readonly string[] = []): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((content, i) => {
    const kinds = PATTERNS.filter(([, p]) => p.test(content)).map(([kind]) => kind);
    if (passwords.some((p) => content.includes(p))) kinds.push('known password');
    for (const kind of kinds) findings.push({ kind, line: i + 1, excerpt: content.slice(0, 300) });
  });
  return findings;
}

const PASSWORD_LITERAL = /(?:password|PASSWORD)\w*['"]?\s*[:=]\s*'([^'\n[$]{8,})'/g;
const FILLED_PASSWORD = /name: 'Password'[^\n]*\.fill\('([^'\n]{8,})'\)/g;
const LOGIN_PASSWORD = /\.login\([^,\n]+,\s*'([^'\n]{8,})'/g;

/** The passwords the tests type or send, read from their sources, so the scan knows them without a list. */
export function passwordsIn(sources: readonly string[]): string[] {
  const found = new Set<string>();
  for (const source of sources) {
    for (const re of [PASSWORD_LITERAL, FILLED_PASSWORD, LOGIN_PASSWORD]) {
      for (const m of source.matchAll(re)) found.add(m[1]!);
    }
  }
  return [...found];
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : filesUnder(full, keep);
    return keep(name) ? [full] : [];
  });
}

/** Scans every file in `logDir` with the passwords of the test sources under `root`; prints and counts. */
export function scanLogFolder(logDir: string, root: string): { files: number; lines: number; findings: Finding[] } {
  const sources = [
    ...filesUnder(path.join(root, 'src'), (n) => n.endsWith('.ts')),
    ...filesUnder(path.join(root, 'e2e'), (n) => n.endsWith('.ts')),
  ].map((f) => readFileSync(f, 'utf8'));
  const passwords = passwordsIn(sources);
  const logs = filesUnder(logDir, () => true);
  let lines = 0;
  const findings: Finding[] = [];
  for (const file of logs) {
    const text = readFileSync(file, 'utf8');
    lines += text.split('\n').length - 1;
    for (const f of findSecrets(text, passwords)) {
      findings.push({ ...f, excerpt: `${path.basename(file)}:${f.line}: ${f.excerpt}` });
    }
  }
  return { files: logs.length, lines, findings };
}

// run as a script: node --import tsx src/test/log-scan.ts <log folder>
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const logDir = process.argv[2];
  if (!logDir) {
    console.error('usage: log-scan <log folder>');
    process.exit(2);
  }
  const { files, lines, findings } = scanLogFolder(logDir, process.cwd());
  for (const f of findings.slice(0, 50)) console.error(`  ${f.kind}: ${f.excerpt}`);
  console.log(`scanned ${lines} log lines in ${files} files: ${findings.length} credentials found`);
  if (lines === 0 || findings.length > 0) process.exit(1);
}
