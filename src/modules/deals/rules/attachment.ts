/** Files a registration may carry: documents people send a channel manager, checked by their bytes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

export const ATTACHMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'text/plain': 'text',
  'text/csv': 'text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'zip',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'zip',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const starts = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Whether the bytes are what the declared type says: a renamed program is not a PDF. */
export function bytesMatch(type: AttachmentType, bytes: Uint8Array): boolean {
  switch (ATTACHMENT_TYPES[type]) {
    case 'pdf':
      return starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]);
    case 'png':
      return starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpeg':
      return starts(bytes, [0xff, 0xd8, 0xff]);
    case 'zip':
      return starts(bytes, [0x50, 0x4b, 0x03, 0x04]);
    case 'text':
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return !bytes.includes(0);
      } catch {
        return false;
      }
  }
}

/** A file name safe to store and send back: no folders, no control characters, at most 200 characters. */
export function cleanFilename(raw: string): string | null {
  const base = raw.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (!clean || clean === '.' || clean === '..') return null;
  return clean.slice(-200);
}
