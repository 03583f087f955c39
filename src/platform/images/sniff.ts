export type ImageType = 'image/png' | 'image/jpeg' | 'image/svg+xml';

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

// before the root element: whitespace, one XML declaration and comments; a DOCTYPE is not let through
const PROLOG = /^\s*(?:<\?xml\s[^]*?\?>)?(?:\s|<!--[^]*?-->)*/;
const SVG_START_TAG = /^<svg((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The type the bytes really are; the declared content type of an upload is never asked. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'image/jpeg';
  const text = utf8(bytes);
  return text !== null && hasSvgRoot(text) ? 'image/svg+xml' : null;
}

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function hasSvgRoot(text: string): boolean {
  const prolog = PROLOG.exec(text)?.[0] ?? '';
  const attributes = SVG_START_TAG.exec(text.slice(prolog.length))?.[1];
  if (attributes === undefined) return false;
  return [...attributes.matchAll(ATTRIBUTE)].some(([, name, double, single]) => {
    return name === 'xmlns' && (double ?? single) === SVG_NAMESPACE;
  });
}
