/** Pieces of a long list, one statement each: a statement binds at most 65,535 values. */
export function chunks<T>(list: T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
