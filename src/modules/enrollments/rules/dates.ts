/** Calendar dates of enrollments, as ISO `YYYY-MM-DD` strings in UTC. */
export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The same day a year later; 29 February becomes 28 February. */
export function addYear(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  // Date rolls 29 Feb into March in a non-leap year: step back to the last day of February
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}
