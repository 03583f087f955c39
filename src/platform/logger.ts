import type { LoggerOptions } from 'pino';
import type { Config } from '../config.js';

/** Never log credentials: cookies, authorization headers, passwords, tokens, secrets. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.passwordHash',
];

/** Links in mail carry one-time tokens in their path or query; they must not end up in access logs. */
export function maskUrl(url: string): string {
  return url
    .replace(/([?&](?:token|secret|key)=)[^&#]*/gi, '$1[redacted]')
    .replace(/(\/auth\/invitations\/)(?!accept\b)[^/?#]+/, '$1[redacted]');
}

export function loggerOptions(config: Config): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: maskUrl(req.url),
        ip: req.ip,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
