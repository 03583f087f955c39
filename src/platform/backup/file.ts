import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { BackupError } from './restore.js';

/**
 * A line writer onto `stream` that waits while the stream is full, and fails instead of waiting for ever when
 * the stream is gone (a download broken off): the snapshot behind it must not stay open.
 */
export function lineWriter(stream: Writable): (line: string) => Promise<void> {
  return async (line) => {
    if (stream.destroyed) throw new Error('The backup stream was closed before the backup was complete.');
    if (stream.write(line + '\n')) return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        stream.off('drain', drained);
        stream.off('close', closed);
        if (error) reject(error);
        else resolve();
      };
      const drained = () => done();
      const closed = () => done(new Error('The backup stream was closed before the backup was complete.'));
      stream.on('drain', drained);
      stream.on('close', closed);
    });
  };
}

/**
 * Writes what `produce` hands to its `write` as a gzip'd backup file. It goes to FILE.partial first and is
 * renamed when complete, so an interrupted backup never leaves a file that looks whole. `-` is standard output.
 */
export async function writeBackupFile<T>(
  file: string,
  produce: (write: (line: string) => Promise<void>) => Promise<T>,
): Promise<{ result: T; bytes: number }> {
  const gzip = createGzip();
  const partial = `${file}.partial`;
  const out = file === '-' ? process.stdout : createWriteStream(partial, { mode: 0o600 });
  let bytes = 0;
  gzip.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const written = pipeline(gzip, out, { end: file !== '-' });
  const write = lineWriter(gzip);
  try {
    const result = await produce(write);
    gzip.end();
    await written;
    if (file !== '-') renameSync(partial, file);
    return { result, bytes: file === '-' ? bytes : statSync(file).size };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    if (file !== '-') rmSync(partial, { force: true });
    throw error;
  }
}

/** The lines of a gzip'd backup stream; a damaged or cut-short file fails with a message that says so. */
export async function* backupLines(input: Readable): AsyncGenerator<string> {
  const gunzip = input.pipe(createGunzip());
  input.on('error', (e) => gunzip.destroy(e));
  // a character may span two chunks
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      const lines = text.split('\n');
      rest = lines.pop()!;
      for (const line of lines) yield line;
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') throw new BackupError('The backup file was cut short: it ends in the middle.');
    if (code === 'Z_DATA_ERROR' || code === 'Z_STREAM_ERROR')
      throw new BackupError('This is not a Trellis backup, or the file is damaged (it is not intact gzip data).');
    throw error;
  }
  if (rest) yield rest;
}

/** A backup file's lines; `-` reads standard input. */
export function readBackupFile(file: string): AsyncGenerator<string> {
  if (file === '-') return backupLines(process.stdin);
  try {
    statSync(file);
  } catch {
    throw new BackupError(`There is no file ${file}.`);
  }
  return backupLines(createReadStream(file));
}
