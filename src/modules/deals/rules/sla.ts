/**
 * The approval SLA in business days: Monday to Friday, counted in UTC. A registration submitted on a weekend
 * starts counting on Monday; the deadline keeps the time of day of the submission.
 */
export function addBusinessDays(from: Date, days: number): Date {
  const at = new Date(from.getTime());
  // a weekend submission counts from Monday at midnight
  while (isWeekend(at)) {
    at.setUTCDate(at.getUTCDate() + 1);
    at.setUTCHours(0, 0, 0, 0);
  }
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    if (!isWeekend(at)) left -= 1;
  }
  return at;
}

function isWeekend(d: Date): boolean {
  const day = d.getUTCDay();
  return day === 0 || day === 6;
}

export const isOverdue = (slaDueAt: Date | null, now: Date): boolean =>
  slaDueAt !== null && slaDueAt.getTime() < now.getTime();
