import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig } from '../config.js';
import { PARTNER_ROLES, ROLES, VENDOR_ROLES } from '../platform/access/roles.js';
import { readLock } from '../platform/db/data-lock.js';
import { trellisVersion } from '../platform/paths.js';
import { PRODUCT_STATUSES } from '../modules/products/rules/lifecycle.js';
import { openConfiguredDatabase, startServer } from '../server.js';
import { type Backend, openBackend } from './backend.js';
import { checkRows, redactUrl, runBackup, runMove, runRestore } from './backup.js';
import { describeError, printTable } from './output.js';

async function withBackend<T>(fn: (backend: Backend) => Promise<T>): Promise<T> {
  const backend = await openBackend(loadConfig());
  try {
    return await fn(backend);
  } finally {
    await backend.close();
  }
}

/** A password from --password-stdin or the TRELLIS_PASSWORD variable, never from argv by default. */
function readPassword(fromStdin: boolean): string {
  if (fromStdin) return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  const fromEnv = process.env.TRELLIS_PASSWORD;
  if (!fromEnv) throw new Error('Give the password with --password-stdin or the TRELLIS_PASSWORD variable');
  return fromEnv;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function buildCli(): Command {
  const program = new Command('trellis')
    .description(
      'Trellis — partner relationship management.\nConfiguration comes from the environment (see docs/operations.md).',
    )
    .version(trellisVersion);

  program
    .command('serve')
    .description('Start the server: API, web app and background jobs (migrations run at start)')
    .action(async () => {
      const server = await startServer(loadConfig());
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('migrate')
    .description('Apply database migrations (the server also applies them when it starts)')
    .action(async () => {
      const config = loadConfig();
      const held = config.databaseUrl ? null : readLock(config.dataDir);
      if (held?.holder === 'server') {
        process.stdout.write(
          `The server (pid ${held.pid}) holds ${config.dataDir} and applied the migrations when it started.\n`,
        );
        return;
      }
      const { db, lock } = await openConfiguredDatabase(config, 'cli');
      try {
        await db.migrate();
        process.stdout.write(`Migrations applied (${db.backend}).\n`);
      } finally {
        await db.close();
        lock?.release();
      }
    });

  program
    .command('backup')
    .description('Write the whole database to one file, while the server keeps running (see docs/operations.md)')
    .option('-o, --output <file>', 'the file to write (- for standard output)', undefined)
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      "\nThe file is gzip'd JSON lines, the same for the embedded database and PostgreSQL, with every table's row\ncount and checksum; `trellis restore` reads it into either. Default name: trellis-backup-<time>.jsonl.gz.",
    )
    .action(async (o: { output?: string; json?: boolean }) => {
      const done = await runBackup(loadConfig(), o.output);
      if (o.json) printTable([], true, done);
      else if (done.file !== '-')
        process.stdout.write(
          `Backed up ${done.tables} tables, ${done.rows} rows from ${done.via} to ${done.file} (${formatBytes(done.bytes)}).\n`,
        );
    });

  program
    .command('restore')
    .description('Restore a backup file into the configured database, which must be empty; every table is checked')
    .argument('<file>', 'the backup file (- for standard input)')
    .option('--dry-run', 'restore into a throwaway in-memory database and check it; touches no database')
    .option('--json', 'print the checks as JSON')
    .addHelpText(
      'after',
      [
        '',
        'The target is DATABASE_URL, or else the data folder TRELLIS_DATA_DIR (a new folder is created).',
        'It must hold no Trellis data: a restore never overwrites. The backup may be from this version of',
        'Trellis or an older one (the restore migrates it after loading), not from a newer one.',
      ].join('\n'),
    )
    .action(async (file: string, o: { dryRun?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const restored = await runRestore(config, file, Boolean(o.dryRun));
      printTable(checkRows(restored.checks), Boolean(o.json), restored);
      if (o.json) return;
      const rows = restored.checks.reduce((n, c) => n + c.rows, 0);
      const where = o.dryRun
        ? 'a throwaway database (dry run)'
        : config.databaseUrl
          ? `PostgreSQL at ${redactUrl(config.databaseUrl)}`
          : `the data folder ${config.dataDir}`;
      process.stdout.write(
        `Restored ${restored.checks.length} tables, ${rows} rows from the backup of ${restored.header.createdAt} into ${where}; every count and checksum matches. Schema now ${restored.migratedTo}.\n`,
      );
    });

  program
    .command('move-to-postgres')
    .description('Copy the embedded database into an empty PostgreSQL database and check every table there')
    .requiredOption('--to <url>', 'the PostgreSQL database: postgres://user:password@host:5432/database')
    .option('--json', 'print the checks as JSON')
    .addHelpText(
      'after',
      [
        '',
        'The source is the data folder TRELLIS_DATA_DIR (default ./data); it is only read and stays as it is.',
        "Stop the server first. The target must be empty; it is migrated, filled, and each table's row count",
        "and checksum compared with the source's. Then start Trellis with DATABASE_URL set to the target.",
      ].join('\n'),
    )
    .action(async (o: { to: string; json?: boolean }) => {
      const config = loadConfig();
      const moved = await runMove(config, o.to);
      printTable(checkRows(moved.checks), Boolean(o.json), moved);
      if (o.json) return;
      const rows = moved.checks.reduce((n, c) => n + c.rows, 0);
      process.stdout.write(
        [
          `Copied ${moved.checks.length} tables, ${rows} rows from ${config.dataDir} into ${redactUrl(o.to)}; every count and checksum matches.`,
          'Next: start Trellis on PostgreSQL with',
          `  DATABASE_URL=${redactUrl(o.to)}${redactUrl(o.to) === o.to ? '' : '   (with the password in place of ***)'}`,
          `The data folder ${config.dataDir} was not changed; keep it until you have checked the new setup.`,
          '',
        ].join('\n'),
      );
    });

  const user = program.command('user').description('Manage users');
  user
    .command('create')
    .description('Create a user with a password (vendor user, or partner user with --partner)')
    .requiredOption('--email <email>', 'email address')
    .requiredOption('--name <name>', 'full name')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--partner <id>', 'partner id, for a partner user')
    .option('--password-stdin', 'read the password from standard input (else TRELLIS_PASSWORD)')
    .option('--json', 'print JSON')
    .addHelpText('after', `\nVendor roles: ${VENDOR_ROLES.join(', ')}\nPartner roles: ${PARTNER_ROLES.join(', ')}`)
    .action(
      async (o: {
        email: string;
        name: string;
        role: (typeof ROLES)[number];
        partner?: string;
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        const password = readPassword(Boolean(o.passwordStdin));
        const created = await withBackend((b) =>
          b.createUser({ email: o.email, name: o.name, role: o.role, partnerId: o.partner ?? null, password }),
        );
        printTable(
          [{ id: created.id, email: created.email, role: created.role, partner: created.partner?.name ?? '' }],
          Boolean(o.json),
          created,
        );
      },
    );

  const apikey = program.command('apikey').description('Manage API keys');
  apikey
    .command('create')
    .description('Create an API key; the secret is printed once')
    .requiredOption('--name <name>', 'what the key is for')
    .addOption(new Option('--role <role>', 'role the key acts with').choices([...ROLES]).makeOptionMandatory())
    .option('--partner <id>', 'scope the key to one partner (needs a partner role)')
    .option('--json', 'print JSON')
    .action(async (o: { name: string; role: (typeof ROLES)[number]; partner?: string; json?: boolean }) => {
      const created = await withBackend((b) =>
        b.createApiKey({ name: o.name, role: o.role, ...(o.partner ? { partnerId: o.partner } : {}) }),
      );
      if (o.json) printTable([], true, created);
      else
        process.stdout.write(
          `API key ${created.apiKey.name} (${created.apiKey.role}) created. Its secret, shown this once:\n${created.secret}\n`,
        );
    });

  const product = program.command('product').description('Manage products');
  product
    .command('list')
    .description('List products, most recently changed first')
    .option('--q <text>', 'search title and description')
    .addOption(new Option('--status <status>', 'only this status').choices(PRODUCT_STATUSES))
    .option('--tag <tag>', 'only products with this tag')
    .option('--archived', 'list archived products instead')
    .option('--limit <n>', 'how many (1-100)', '25')
    .option('--json', 'print JSON')
    .action(
      async (o: { q?: string; status?: string; tag?: string; archived?: boolean; limit: string; json?: boolean }) => {
        const page = await withBackend((b) =>
          b.listProducts({
            q: o.q,
            status: o.status,
            tag: o.tag,
            archived: o.archived ? true : undefined,
            limit: Number(o.limit),
          }),
        );
        printTable(
          page.items.map((p) => ({
            id: p.id,
            title: p.title,
            status: p.status,
            tags: p.tags.join(','),
            updated: p.updatedAt,
          })),
          Boolean(o.json),
          page,
        );
      },
    );
  product
    .command('create')
    .description('Create a product')
    .requiredOption('--title <title>', 'title')
    .option('--description <text>', 'description', '')
    .addOption(new Option('--status <status>', 'lifecycle status (default launch)').choices(PRODUCT_STATUSES))
    .option('--tag <tag>', 'a tag (repeat for more)', collect, [] as string[])
    .option('--json', 'print JSON')
    .action(async (o: { title: string; description: string; status?: string; tag: string[]; json?: boolean }) => {
      const created = await withBackend((b) =>
        b.createProduct({ title: o.title, description: o.description, status: o.status, tags: o.tag }),
      );
      printTable([{ id: created.id, title: created.title, status: created.status }], Boolean(o.json), created);
    });

  const programs = program
    .command('program')
    .description('Programs as code: plan, apply and export whole programs as files (see docs/programs-as-code.md)');
  const fileHelp = [
    '',
    'FILE is a program file (YAML or JSON, format trellis.program/v1), or - for standard input.',
    'Badges may name image files relative to the file’s folder; they are read and sent inline.',
    'A file with errors is refused whole: each error is printed with its path, line and column.',
  ].join('\n');
  programs
    .command('plan')
    .description('Show what applying a program file would change; changes nothing')
    .argument('<file>', 'the program file')
    .option('--json', 'print the changes as JSON')
    .addHelpText('after', fileHelp)
    .action(async (file: string, o: { json?: boolean }) => {
      const { text, baseDir } = readProgramFile(file);
      const plan = await withBackend((b) => b.planProgram(text, baseDir));
      if (o.json) printTable([], true, plan);
      else process.stdout.write(`Plan for ${plan.key}${plan.programId ? '' : ' (a new program)'}:\n${plan.summary}\n`);
    });
  programs
    .command('apply')
    .description('Make the program what the file says, in one transaction; applying it again changes nothing')
    .argument('<file>', 'the program file')
    .option('--json', 'print the applied changes as JSON')
    .addHelpText(
      'after',
      `${fileHelp}\nA new program starts in status planning; status moves are not part of the file.`,
    )
    .action(async (file: string, o: { json?: boolean }) => {
      const { text, baseDir } = readProgramFile(file);
      const applied = await withBackend((b) => b.applyProgram(text, baseDir));
      if (o.json) printTable([], true, applied);
      else if (applied.changes.length === 0)
        process.stdout.write(`${applied.key} (${applied.programId}) already matches the file. No changes.\n`);
      else process.stdout.write(`Applied ${applied.key} (${applied.programId}):\n${applied.summary}\n`);
    });
  programs
    .command('export')
    .description('Write a program as a file that applies back with no change')
    .argument('<id>', 'the program id or key')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .addHelpText('after', '\nBadges are written inline as data URIs; money in minor units, percentages 0–100.')
    .action(async (id: string, o: { output?: string }) => {
      const exported = await withBackend((b) => b.exportProgram(id));
      if (!o.output) process.stdout.write(exported.text);
      else {
        writeFileSync(o.output, exported.text);
        process.stdout.write(`Wrote ${exported.key} to ${o.output}\n`);
      }
    });

  return program;
}

const formatBytes = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** A program file's text and the folder its badge file names are relative to; `-` reads standard input. */
function readProgramFile(file: string): { text: string; baseDir: string } {
  if (file === '-') return { text: readFileSync(0, 'utf8'), baseDir: process.cwd() };
  return { text: readFileSync(file, 'utf8'), baseDir: path.dirname(path.resolve(file)) };
}

try {
  await buildCli().parseAsync(process.argv);
} catch (error) {
  process.stderr.write(describeError(error) + '\n');
  process.exitCode = 1;
}
