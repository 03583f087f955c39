import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SVG_NS, utf8 } from '../../test/images.js';
import { ImageError } from './errors.js';
import { sniffImageType } from './sniff.js';
import { sanitizeSvg } from './svg-sanitize.js';

const svg = (body: string, rootAttributes = '') => `<svg xmlns="${SVG_NS}"${rootAttributes}>${body}</svg>`;

// whatever the attack, none of these may reach the output
const NEVER = [/<script/i, /javascript:/i, /\son\w+\s*=/i, /evil/i, /xhtml/i];

describe('sanitizeSvg neutralises', () => {
  it.each([
    ['a script element', svg('<script>alert(1)</script><rect width="1"/>'), ['alert']],
    ['an upper-case SCRIPT element', svg('<SCRIPT>alert(1)</SCRIPT>'), ['alert']],
    ['a script in CDATA', svg('<script><![CDATA[alert(1)]]></script>'), ['alert', 'CDATA']],
    [
      'a script under an SVG prefix',
      svg('<s:script>alert(1)</s:script>', ` xmlns:s="${SVG_NS}"`),
      ['script', 'xmlns:s'],
    ],
    ['an XHTML script', svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'), ['alert']],
    ['onload on the root', svg('<rect/>', ' onload="alert(1)"'), ['alert']],
    ['upper- and mixed-case handlers', svg('<rect ONLOAD="alert(1)" onMouseOver="alert(2)"/>'), ['alert']],
    ['a javascript: link', svg('<a href="javascript:alert(1)"><rect/></a>'), ['<a', 'alert']],
    ['an xlink javascript: link', svg('<a xlink:href="javascript:alert(1)"><rect/></a>'), ['<a', 'alert']],
    ['an external xlink:href', svg('<use xlink:href="http://evil/sprite.svg#icon"/>'), ['sprite']],
    ['a data: href', svg('<use href="data:image/svg+xml;base64,PHN2Zz4="/>'), ['data:']],
    ['an entity-encoded javascript: href', svg('<use href="&#106;avascript:alert(1)"/>'), ['alert']],
    [
      'an href under another prefix',
      svg('<use x:href="javascript:alert(1)" xmlns:x="http://www.w3.org/1999/xlink"/>'),
      ['alert'],
    ],
    ['a foreignObject', svg('<foreignObject><iframe src="http://evil"/></foreignObject>'), ['foreignObject', 'iframe']],
    ['an XHTML default namespace inside', svg('<g xmlns="http://www.w3.org/1999/xhtml"><rect/></g>'), []],
    ['a rebound xlink prefix', svg('<use xlink:href="#a"/>', ' xmlns:xlink="http://evil"'), []],
    [
      'an animation to a javascript: href',
      svg('<a><animate attributeName="href" to="javascript:alert(1)"/></a>'),
      ['animate'],
    ],
    ['a set of an event handler', svg('<rect><set attributeName="onclick" to="alert(1)"/></rect>'), ['<set', 'alert']],
    ['an external url in a style attribute', svg('<rect style="background:url(http://evil/x.png)"/>'), ['url(']],
    ['an external url in a fill', svg('<rect fill="url(http://evil/p.svg#g)"/>'), ['url(']],
    ['a quoted external url', svg(`<rect fill="url('http://evil/p.svg#g')"/>`), ['url(']],
    ['a url spelt with a CSS escape', svg('<rect style="fill:u\\72l(http://evil)"/>'), ['style']],
    ['a url split by a comment', svg('<rect style="fill:ur/**/l(http://evil)"/>'), ['style']],
    ['a CSS expression', svg('<rect style="fill:expression(alert(1))"/>'), ['alert']],
    ['an image-set in a mask', svg(`<rect style="mask:image-set('http://evil/m.png' 1x)"/>`), ['image-set']],
    ['a style element with @import', svg('<style>@import url(http://evil/x.css);</style>'), ['<style', '@import']],
    ['a stylesheet processing instruction', `<?xml-stylesheet href="http://evil/x.css"?>${svg('<rect/>')}`, ['<?']],
    ['an image element', svg('<image href="http://evil/x.png"/><feImage href="http://evil"/>'), ['image']],
    ['an xml:base', svg('<g xml:base="http://evil/"><use href="#a"/></g>'), ['xml:base']],
    ['markup written as text', svg('<text>&lt;script&gt;alert(1)&lt;/script&gt;</text>'), ['<script']],
    ['a nested svg with a handler', svg(`<svg onload="alert(1)" xmlns="${SVG_NS}"><rect/></svg>`), ['alert']],
  ])('%s', (_, input, forbidden) => {
    const output = sanitizeSvg(input);
    for (const pattern of NEVER) expect(output).not.toMatch(pattern);
    for (const text of forbidden) expect(output).not.toContain(text);
    expect(sanitizeSvg(output)).toBe(output);
  });
});

describe('sanitizeSvg on values built from risky fragments', () => {
  const fragment = fc.constantFrom(
    ...['url(', 'URL (', 'http://x/', '#a', '(', ')', '\\', "'", '"', ' ', ';', ':', 'fill', 'mask', '/*', '&', '<'],
    ...['javascript:', 'rgb', 'image-set', 'expression'],
  );
  const value = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

  it('lets only local url() references through, and is stable', () => {
    fc.assert(
      fc.property(value, value, (fill, style) => {
        const output = sanitizeSvg(svg(`<rect fill="${escape(fill)}" style="${escape(style)}"/>`));
        expect(output).not.toMatch(/url\s*\((?!\s*(&apos;|&quot;)?#)/i);
        expect(output).not.toMatch(/javascript:|expression|\\/i);
        expect(sanitizeSvg(output)).toBe(output);
      }),
    );
  });
});

describe('sanitizeSvg keeps', () => {
  it.each([
    [
      'basic shapes',
      svg('<rect x="1" y="2" width="3" height="4" rx="1"/><circle cx="5" cy="5" r="2"/>'),
      ['<rect x="1" y="2" width="3" height="4" rx="1"/>', '<circle cx="5" cy="5" r="2"/>'],
    ],
    [
      'paths and polygons',
      svg('<path d="M0 0L10 10Z" fill-rule="evenodd"/><polygon points="0,0 1,1 1,0"/>'),
      ['<path d="M0 0L10 10Z" fill-rule="evenodd"/>', '<polygon points="0,0 1,1 1,0"/>'],
    ],
    [
      'a gradient used as a fill',
      svg(
        '<defs><linearGradient id="g" gradientTransform="rotate(45)"><stop offset="0" stop-color="#fc0"/></linearGradient></defs><rect fill="url(#g)"/>',
      ),
      [
        '<linearGradient id="g" gradientTransform="rotate(45)"><stop offset="0" stop-color="#fc0"/></linearGradient>',
        'fill="url(#g)"',
      ],
    ],
    [
      'a gradient inheriting another',
      svg('<radialGradient id="r" href="#g" fx="0.3"/>'),
      ['<radialGradient id="r" href="#g" fx="0.3"/>'],
    ],
    [
      'use of a local symbol',
      svg('<symbol id="s"><rect/></symbol><use href="#s"/><use xlink:href="#s" x="2"/>'),
      ['<use href="#s"/>', '<use xlink:href="#s" x="2"/>'],
    ],
    [
      'clip paths and masks',
      svg(
        '<clipPath id="c"><circle r="1"/></clipPath><mask id="m"><rect/></mask><g clip-path="url(#c)" mask="url(&quot;#m&quot;)"/>',
      ),
      ['<clipPath id="c">', '<mask id="m">', 'clip-path="url(#c)"', 'mask="url(&quot;#m&quot;)"'],
    ],
    [
      'a drop-shadow filter',
      svg(
        '<filter id="f"><feGaussianBlur in="SourceAlpha" stdDeviation="2"/><feOffset dx="1" dy="1"/><feMerge><feMergeNode/><feMergeNode in="SourceGraphic"/></feMerge></filter><g filter="url(#f)"/>',
      ),
      ['<feGaussianBlur in="SourceAlpha" stdDeviation="2"/>', '<feMergeNode in="SourceGraphic"/>', 'filter="url(#f)"'],
    ],
    [
      'text with references',
      svg(
        '<text x="1" font-family="Inter" text-anchor="middle">Gold &amp; co &#169;&#x2122;<tspan dy="1">2</tspan></text>',
      ),
      ['<text x="1" font-family="Inter" text-anchor="middle">Gold &amp; co ©™<tspan dy="1">2</tspan></text>'],
    ],
    [
      'a style attribute with safe declarations',
      svg('<rect style="fill: rgb(255, 0, 0); Stroke:#000;stroke-width:2;fill:url(#g);cursor:pointer"/>'),
      ['style="fill:rgb(255, 0, 0);stroke:#000;stroke-width:2;fill:url(#g)"'],
    ],
    [
      'transforms',
      svg('<g transform="translate (10 20) rotate(45 5 5) scale(2)"/>'),
      ['transform="translate (10 20) rotate(45 5 5) scale(2)"'],
    ],
    [
      'title and description',
      svg('<title>Gold partner</title><desc>Badge</desc>'),
      ['<title>Gold partner</title><desc>Badge</desc>'],
    ],
    [
      'the artwork of an editor switch',
      svg('<switch><foreignObject requiredExtensions="x"/><g><rect/></g></switch>'),
      ['<switch><g><rect/></g></switch>'],
    ],
    [
      'root size attributes',
      svg('', ' width="64" height="64" viewBox="0 0 64 64"'),
      ['width="64" height="64" viewBox="0 0 64 64"'],
    ],
  ])('%s', (_, input, kept) => {
    const output = sanitizeSvg(input);
    for (const text of kept) expect(output).toContain(text);
    expect(sanitizeSvg(output)).toBe(output);
  });

  it('rebuilds a typical editor export as a standalone SVG', () => {
    const input = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Created with an editor -->
<svg width="32" height="32" viewBox="0 0 32 32" version="1.1" xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:ed="urn:editor">
  <ed:namedview pagecolor="#fff"/>
  <metadata><rdf:RDF xmlns:rdf="urn:rdf"/></metadata>
  <circle id="c" cx="16" cy="16" r="15" fill="#fc0" ed:label="disc"/>
</svg>`;
    expect(sanitizeSvg(input)).toBe(
      `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="32" height="32" viewBox="0 0 32 32" version="1.1">
  
  
  <circle id="c" cx="16" cy="16" r="15" fill="#fc0"/>
</svg>`,
    );
  });

  it('adds the SVG namespace when the root lacks it, so the output sniffs as SVG', () => {
    const output = sanitizeSvg('<svg viewBox="0 0 1 1"><rect/></svg>');
    expect(output).toBe(
      `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1"><rect/></svg>`,
    );
    expect(sniffImageType(utf8(output))).toBe('image/svg+xml');
  });
});

describe('sanitizeSvg refuses', () => {
  it.each([
    [
      'an external entity (XXE)',
      `<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${svg('<text>&xxe;</text>')}`,
      'doctype',
    ],
    [
      'nested entities',
      `<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>${svg('<text>&b;</text>')}`,
      'doctype',
    ],
    ['a lower-case doctype', `<!doctype svg>${svg('')}`, 'doctype'],
    ['an entity declaration without a doctype', svg('<!ENTITY x "y">'), 'doctype'],
    ['an HTML page holding an SVG', `<html><body>${svg('<rect/>')}</body></html>`, 'not_svg'],
    ['an svg root in the XHTML namespace', '<svg xmlns="http://www.w3.org/1999/xhtml"><rect/></svg>', 'not_svg'],
    ['a prefixed svg root', `<s:svg xmlns:s="${SVG_NS}"/>`, 'not_svg'],
    ['two root elements', `${svg('')}${svg('')}`, 'malformed'],
    ['an unclosed element', svg('<g><rect/>'), 'malformed'],
    ['an unquoted attribute', '<svg width=1/>', 'malformed'],
    ['a control character', svg('<text>\u0001</text>'), 'malformed'],
    ['plain text', 'just some text', 'malformed'],
    ['an empty file', '', 'malformed'],
  ])('%s', (_, input, reason) => {
    expect(() => sanitizeSvg(input)).toThrow(expect.objectContaining({ name: 'ImageError', reason }));
  });

  it('says what is wrong in words a form can show', () => {
    expect(() => sanitizeSvg(svg('<g>'))).toThrow(/^is not a well-formed SVG file: line 1: /);
    expect(() => sanitizeSvg('<html/>')).toThrow(ImageError);
  });
});
