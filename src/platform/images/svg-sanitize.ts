import { type EntityDecoderOptions, XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImageError } from './errors.js';
import { SVG_NAMESPACE } from './sniff.js';
import { SVG_ATTRIBUTES, SVG_ELEMENTS, SVG_FUNCTIONS, SVG_STYLE_PROPERTIES } from './svg-allowlist.js';

const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';
const ATTRIBUTE_PREFIX = '@_';
const ATTRIBUTES = ':@';
const TEXT = '#text';

/** A node as the parser gives it with preserveOrder: `{ [name]: children, ':@': attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string, unknown>;
type Attributes = Record<string, string>;

const DECLARATIONS = /<!(?:DOCTYPE|ENTITY)/i;
const NON_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const LOCAL_REFERENCE = /^#[\w.:-]+$/;
const LOCAL_URL_ARGUMENTS = /\(\s*(["']?)#[\w.:-]+\1\s*\)/y;
// CSS escapes and comments could hide a function name from the check; the words are refused as defence in depth
const DISGUISE = /\\|\/\*|javascript:|expression|@import/i;

const PREDEFINED_ENTITIES = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

// the parser decodes character references only in its HTML mode, which also knows HTML's named entities
const xmlReferences: EntityDecoderOptions = {
  decode: (text) =>
    text.replace(/&(?:#(\d+)|#x([\da-fA-F]+)|(\w+));/g, (reference, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) return PREDEFINED_ENTITIES.get(name) ?? reference;
      const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
      return isXmlCharacter(code) ? String.fromCodePoint(code) : reference;
    }),
  // DOCTYPEs are refused before parsing, so there are no declared entities to take in
  addInputEntities: () => undefined,
  setExternalEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
};

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  parseTagValue: false,
  trimValues: false,
  entityDecoder: xmlReferences,
});
// the builder escapes text and attribute values, so what the checks saw is what a browser reads
const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  suppressEmptyNode: true,
});

/**
 * Rebuilds an SVG document from allowlisted elements and attributes only, so that it can be shown to
 * partners without running script, loading anything from elsewhere or navigating anywhere.
 */
export function sanitizeSvg(text: string): string {
  if (DECLARATIONS.test(text)) {
    throw new ImageError('doctype', 'must not contain a DOCTYPE or entity declarations');
  }
  const root = parseRoot(text.replace(/^\uFEFF/, ''));
  const namespaces = {
    [`${ATTRIBUTE_PREFIX}xmlns`]: SVG_NAMESPACE,
    [`${ATTRIBUTE_PREFIX}xmlns:xlink`]: XLINK_NAMESPACE,
  };
  const svg: OrderedNode = {
    svg: cleanNodes(childrenOf(root, 'svg')),
    [ATTRIBUTES]: { ...namespaces, ...cleanAttributes(root) },
  };
  return builder.build([svg]) as string;
}

function parseRoot(text: string): OrderedNode {
  if (NON_XML_CHARACTER.test(text)) throw malformed('it contains characters that XML does not allow');
  // the parser quietly repairs broken markup; refuse it instead, as a browser would
  const validation = XMLValidator.validate(text);
  if (validation !== true) throw malformed(`line ${validation.err.line}: ${validation.err.msg}`);
  const elements = parse(text).filter((node) => !(TEXT in node) && !nameOf(node).startsWith('?'));
  const [root] = elements;
  const namespace = root && (attributesOf(root)[`${ATTRIBUTE_PREFIX}xmlns`] ?? SVG_NAMESPACE);
  if (elements.length !== 1 || !root || nameOf(root) !== 'svg' || namespace !== SVG_NAMESPACE) {
    throw new ImageError('not_svg', 'is not an SVG image (its root element must be <svg>)');
  }
  return root;
}

function parse(text: string): OrderedNode[] {
  try {
    return parser.parse(text) as OrderedNode[];
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : String(error));
  }
}

const malformed = (detail: string) => new ImageError('malformed', `is not a well-formed SVG file: ${detail}`);

// an element that is not allowlisted goes with everything inside it (script text, HTML, metadata)
function cleanNodes(nodes: OrderedNode[]): OrderedNode[] {
  return nodes.flatMap((node): OrderedNode[] => {
    if (TEXT in node) return [{ [TEXT]: String(node[TEXT]) }];
    const name = nameOf(node);
    if (!SVG_ELEMENTS.has(name)) return [];
    const attributes = cleanAttributes(node);
    const element: OrderedNode = { [name]: cleanNodes(childrenOf(node, name)) };
    if (Object.keys(attributes).length > 0) element[ATTRIBUTES] = attributes;
    return [element];
  });
}

const nameOf = (node: OrderedNode) => Object.keys(node).find((key) => key !== ATTRIBUTES) ?? '';

const attributesOf = (node: OrderedNode) => (node[ATTRIBUTES] ?? {}) as Record<string, unknown>;

function childrenOf(node: OrderedNode, name: string): OrderedNode[] {
  const children = node[name];
  return Array.isArray(children) ? (children as OrderedNode[]) : [];
}

// namespace declarations are never copied: the root gets fixed ones, so no element can switch to XHTML
function cleanAttributes(node: OrderedNode): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributesOf(node))) {
    const name = key.slice(ATTRIBUTE_PREFIX.length);
    const clean = typeof value === 'string' && SVG_ATTRIBUTES.has(name) ? cleanValue(name, value) : null;
    if (clean !== null) kept[key] = clean;
  }
  return kept;
}

function cleanValue(name: string, value: string): string | null {
  if (name === 'href' || name === 'xlink:href') return LOCAL_REFERENCE.test(value) ? value : null;
  if (name === 'style') return cleanStyle(value);
  return isSafeValue(value) ? value : null;
}

function cleanStyle(style: string): string | null {
  const kept = style.split(';').flatMap((declaration) => {
    const colon = declaration.indexOf(':');
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    return colon > 0 && SVG_STYLE_PROPERTIES.has(property) && isSafeValue(value) ? [`${property}:${value}`] : [];
  });
  return kept.length > 0 ? kept.join(';') : null;
}

function isSafeValue(value: string): boolean {
  if (DISGUISE.test(value)) return false;
  for (let open = value.indexOf('('); open !== -1; open = value.indexOf('(', open + 1)) {
    const name = functionNameBefore(value, open);
    if (name === 'url') {
      LOCAL_URL_ARGUMENTS.lastIndex = open;
      if (!LOCAL_URL_ARGUMENTS.test(value)) return false;
    } else if (!SVG_FUNCTIONS.has(name)) return false;
  }
  return true;
}

// scans back by hand: a regex anchored at "(" would retry from every position and turn quadratic
function functionNameBefore(value: string, open: number): string {
  let end = open;
  while (end > 0 && /\s/.test(value.charAt(end - 1))) end--;
  let start = end;
  while (start > 0 && /[a-z-]/i.test(value.charAt(start - 1))) start--;
  return value.slice(start, end).toLowerCase();
}

const isXmlCharacter = (code: number) =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  (code >= 0x10000 && code <= 0x10ffff);
