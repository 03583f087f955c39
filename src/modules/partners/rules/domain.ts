/**
 * A company's web domain, normalized so that the same company written two ways compares equal: case, scheme,
 * `www.`, port, path, query and a trailing dot do not count. Returns null for input that holds no domain.
 */
export function normalizeDomain(input: string): string | null {
  let text = input.trim().toLowerCase();
  if (!text) return null;
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\/\//, '');
  text = text.replace(/^[^@/]*@/, '');
  text = text.split(/[/?#]/, 1)[0]!;
  text = text.replace(/:\d+$/, '').replace(/\.+$/, '');
  text = text.replace(/^www\d*\./, '');
  let ascii: string;
  try {
    ascii = new URL(`http://${text}`).hostname;
  } catch {
    return null;
  }
  const labels = ascii.split('.');
  const valid =
    labels.length >= 2 &&
    labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l)) &&
    /[a-z]/.test(labels.at(-1)!) &&
    ascii.length <= 253;
  return valid ? ascii : null;
}
