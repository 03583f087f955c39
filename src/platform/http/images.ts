import type { FastifyInstance, FastifyReply } from 'fastify';
import { MAX_BADGE_BYTES } from '../images/badge.js';

/**
 * Uploaded images (badges, logos) arrive as the raw file; the declared type only routes the body, the bytes
 * decide what it is. Registered per route plugin that takes uploads.
 */
export function acceptImageUploads(app: FastifyInstance): void {
  app.addContentTypeParser(
    ['image/png', 'image/jpeg', 'image/svg+xml'],
    { parseAs: 'buffer', bodyLimit: MAX_BADGE_BYTES },
    (_req, body, done) => done(null, body),
  );
}

/** Sends a stored image; an SVG opened on its own must not run anything, whatever slipped past the sanitizer. */
export function sendImage(reply: FastifyReply, image: { contentType: string; data: Buffer; sha256: string }) {
  return reply
    .header('content-type', image.contentType)
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=86400')
    .header('etag', `"${image.sha256}"`)
    .send(image.data);
}
