import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GIF, JPEG, PNG, SVG_NS, utf8 } from '../../test/images.js';
import { MAX_BADGE_BYTES, parseDataUri, prepareBadge, toDataUri } from './badge.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pngOfSize = (size: number) => Uint8Array.from({ length: size }, (_, i) => PNG[i] ?? 0);
const refusal = (reason: string, message: RegExp) =>
  expect.objectContaining({ name: 'ImageError', reason, message: expect.stringMatching(message) });

describe('prepareBadge', () => {
  it.each([
    ['a PNG', PNG, 'image/png'],
    ['a JPEG', JPEG, 'image/jpeg'],
    ['a PNG of exactly the limit', pngOfSize(MAX_BADGE_BYTES), 'image/png'],
  ])('keeps %s byte for byte', (_, bytes, contentType) => {
    const badge = prepareBadge(bytes);
    expect(badge).toEqual({ contentType, bytes, sha256: sha256(bytes) });
    expect(badge.bytes).toBe(bytes);
  });

  it('stores an SVG as its sanitized text, hashed as stored', () => {
    const upload = utf8(
      `\uFEFF<svg xmlns="${SVG_NS}" onload="alert(1)"><script>alert(2)</script><circle r="1"/></svg>`,
    );
    const badge = prepareBadge(upload);
    const text = new TextDecoder().decode(badge.bytes);
    expect(badge.contentType).toBe('image/svg+xml');
    expect(text).toBe(`<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink"><circle r="1"/></svg>`);
    expect(badge.sha256).toBe(sha256(badge.bytes));
  });

  it.each([
    ['a GIF renamed as PNG', GIF],
    ['a PDF renamed as PNG', utf8('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')],
    ['an HTML page that holds an SVG', utf8(`<html><body><svg xmlns="${SVG_NS}"/></body></html>`)],
    ['an HTML page with a doctype', utf8(`<!DOCTYPE html><html><svg xmlns="${SVG_NS}"/></html>`)],
    [
      'an SVG with an external entity',
      utf8(`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="${SVG_NS}">&x;</svg>`),
    ],
    ['an empty file', new Uint8Array()],
  ])('refuses %s as not an accepted type', (_, bytes) => {
    expect(() => prepareBadge(bytes)).toThrow(refusal('unsupported_type', /^must be a PNG, JPEG or SVG image$/));
  });

  it('refuses a file over the limit, naming the limit', () => {
    expect(() => prepareBadge(pngOfSize(MAX_BADGE_BYTES + 1))).toThrow(
      refusal('too_large', /^must be at most 256 KB \(this one is 257 KB\)$/),
    );
  });

  it('refuses an SVG the sanitizer cannot rebuild', () => {
    expect(() => prepareBadge(utf8(`<svg xmlns="${SVG_NS}"><g></svg>`))).toThrow(
      refusal('malformed', /^is not a well-formed SVG/),
    );
  });
});

describe('data URIs', () => {
  it.each([
    ['a PNG', 'image/png' as const, PNG],
    ['a JPEG', 'image/jpeg' as const, JPEG],
    ['an SVG', 'image/svg+xml' as const, utf8(`<svg xmlns="${SVG_NS}"/>`)],
    ['the largest accepted file', 'image/png' as const, pngOfSize(MAX_BADGE_BYTES)],
  ])('round-trips %s', (_, contentType, bytes) => {
    const uri = toDataUri(contentType, bytes);
    expect(uri.startsWith(`data:${contentType};base64,`)).toBe(true);
    expect(Buffer.from(parseDataUri(uri)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('ignores the declared type: the bytes decide', () => {
    const svgAsPng = `data:image/png;base64,${Buffer.from(`<svg xmlns="${SVG_NS}"/>`).toString('base64')}`;
    expect(prepareBadge(parseDataUri(svgAsPng)).contentType).toBe('image/svg+xml');
  });

  it.each([
    ['a URL', 'https://example.com/badge.png'],
    ['a data URI that is not base64', 'data:image/svg+xml,<svg/>'],
    ['a data URI without a type', 'data:;base64,AAAA'],
    ['a data URI with parameters', 'data:image/png;charset=utf-8;base64,AAAA'],
    ['base64 with a stray character', 'data:image/png;base64,AA*A'],
    ['base64 with a line break', 'data:image/png;base64,AAAA\nAAAA'],
    ['base64 of the wrong length', 'data:image/png;base64,AAAAA'],
  ])('refuses %s', (_, uri) => {
    expect(() => parseDataUri(uri)).toThrow(refusal('bad_data_uri', /^must be a base64 data URI/));
  });

  it('refuses an oversized data URI by its length', () => {
    const uri = toDataUri('image/png', pngOfSize(MAX_BADGE_BYTES + 1));
    expect(() => parseDataUri(uri)).toThrow(refusal('too_large', /256 KB/));
  });
});
