import { ApiError } from '../../api/client';

const sentence = (m: string) => (m ? m.charAt(0).toUpperCase() + m.slice(1) : m);

/** Full field path (`criteria.0.value`) → first message, for errors that belong to a row of a list. */
export function errorsByPath(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const e of error.errors) {
      const key = e.field.replace(/\[(\d+)\]/g, '.$1');
      if (!(key in out)) out[key] = sentence(e.message);
    }
  }
  return out;
}
