import { createHash } from 'node:crypto';
import { ImageError } from './errors.js';
import { type ImageType, sniffImageType } from './sniff.js';
import { sanitizeSvg } from './svg-sanitize.js';

export const MAX_BADGE_BYTES = 256 * 1024;

export type PreparedBadge = { contentType: ImageType; bytes: Uint8Array; sha256: string };

const DATA_URI = /^data:[\w.+-]+\/[\w.+-]+;base64,([A-Za-z0-9+/]*={0,2})$/;

/** Checks an uploaded badge by its bytes and returns what may be stored and served: SVGs are rebuilt clean. */
export function prepareBadge(bytes: Uint8Array): PreparedBadge {
  checkSize(bytes.length);
  const contentType = sniffImageType(bytes);
  if (contentType === null) throw new ImageError('unsupported_type', 'must be a PNG, JPEG or SVG image');
  const stored =
    contentType === 'image/svg+xml' ? new TextEncoder().encode(sanitizeSvg(new TextDecoder().decode(bytes))) : bytes;
  return { contentType, bytes: stored, sha256: createHash('sha256').update(stored).digest('hex') };
}

/** The bytes of a `data:<type>;base64,…` URI; the type in it is ignored, prepareBadge decides from the bytes. */
export function parseDataUri(uri: string): Uint8Array {
  const base64 = DATA_URI.exec(uri)?.[1];
  if (base64 === undefined || base64.length % 4 !== 0) {
    throw new ImageError('bad_data_uri', 'must be a base64 data URI (data:<type>;base64,…)');
  }
  // measured before decoding, so an oversized upload is never held twice in memory
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  checkSize((base64.length / 4) * 3 - padding);
  return Buffer.from(base64, 'base64');
}

export const toDataUri = (contentType: ImageType, bytes: Uint8Array): string =>
  `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`;

function checkSize(size: number): void {
  if (size > MAX_BADGE_BYTES) {
    const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
    throw new ImageError('too_large', `must be at most ${kb(MAX_BADGE_BYTES)} (this one is ${kb(size)})`);
  }
}
