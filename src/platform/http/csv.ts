import type { FastifyInstance, FastifyReply } from 'fastify';

/** The largest CSV file an import takes. */
export const CSV_LIMIT = 5 * 1024 * 1024;

/** CSV imports arrive as the raw `text/csv` body; registered per route plugin that takes them. */
export function acceptCsv(app: FastifyInstance): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
}

/** Sends an export as a CSV file download named `filename`. */
export function sendCsv(reply: FastifyReply, filename: string, text: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(text);
}
