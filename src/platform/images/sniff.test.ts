import { describe, expect, it } from 'vitest';
import { GIF, JPEG, PNG, SVG_NS, utf8 } from '../../test/images.js';
import { sniffImageType } from './sniff.js';

describe('sniffImageType', () => {
  it.each([
    ['a 1×1 PNG', PNG, 'image/png'],
    ['a JFIF JPEG', JPEG, 'image/jpeg'],
    ['a bare SVG', utf8(`<svg xmlns="${SVG_NS}"/>`), 'image/svg+xml'],
    ['an SVG with single-quoted namespace', utf8(`<svg width='1' xmlns='${SVG_NS}'></svg>`), 'image/svg+xml'],
    [
      'an SVG after a declaration and comments',
      utf8(
        `<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: x -->\n<!-- <html> -->\n<svg\n  xmlns="${SVG_NS}"\n  viewBox="0 0 1 1">`,
      ),
      'image/svg+xml',
    ],
    [
      'an SVG with a byte order mark',
      Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(`<svg xmlns="${SVG_NS}"/>`)]),
      'image/svg+xml',
    ],
  ])('recognises %s', (_, bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });

  it.each([
    ['empty input', new Uint8Array()],
    ['a GIF', GIF],
    ['a PDF', utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
    ['an HTML page holding an SVG', utf8(`<html><body><svg xmlns="${SVG_NS}"/></body></html>`)],
    ['an HTML page with a doctype', utf8(`<!DOCTYPE html><svg xmlns="${SVG_NS}"/>`)],
    ['an SVG with a DOCTYPE', utf8(`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg xmlns="${SVG_NS}"/>`)],
    ['an SVG outside the SVG namespace', utf8('<svg viewBox="0 0 1 1"/>')],
    ['an SVG in the XHTML namespace', utf8('<svg xmlns="http://www.w3.org/1999/xhtml"/>')],
    ['an SVG naming the namespace only for a prefix', utf8(`<svg xmlns:svg="${SVG_NS}"/>`)],
    ['another element starting with svg', utf8(`<svgx xmlns="${SVG_NS}"/>`)],
    ['text mentioning svg', utf8(`hello <svg xmlns="${SVG_NS}"/>`)],
    ['invalid UTF-8', Uint8Array.from([...utf8(`<svg xmlns="${SVG_NS}">`), 0xff, 0xfe])],
    ['half a PNG signature', PNG.subarray(0, 4)],
    ['two bytes of a JPEG signature', JPEG.subarray(0, 2)],
  ])('refuses %s', (_, bytes) => {
    expect(sniffImageType(bytes)).toBeNull();
  });
});
