import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import type { Config } from '../config.js';
import { loggerOptions } from '../platform/logger.js';

/** Where the suites write server logs for the credential scan; unset, test apps log nothing. */
export const testLogDir = process.env.TRELLIS_TEST_LOG_DIR || undefined;

let destination: pino.DestinationStream | undefined;

/**
 * The production logger at debug level, writing to a file of this test process in TRELLIS_TEST_LOG_DIR, so
 * that the scan after the run sees what a server would have logged.
 */
export function testLogger(config: Config): FastifyBaseLogger | undefined {
  if (!testLogDir) return undefined;
  destination ??= pino.destination({
    dest: path.join(testLogDir, `vitest-${process.pid}.log`),
    append: true,
    mkdir: true,
    sync: false,
  });
  return pino(loggerOptions({ ...config, logLevel: 'debug' }), destination);
}
