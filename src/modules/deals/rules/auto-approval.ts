import type { Attribution } from './lifecycle.js';

export type AutoApprovalRule = {
  autoApprove: boolean;
  /** Only below this estimated amount (minor units); null = any amount. */
  autoApproveBelow: number | null;
  autoApproveAttributions: readonly string[];
};

/** Whether a new registration is approved without a channel manager. A conflict never is. */
export function autoApproves(
  rule: AutoApprovalRule,
  deal: { amount: number | null; attribution: Attribution },
  conflict: boolean,
): boolean {
  if (!rule.autoApprove || conflict) return false;
  if (!rule.autoApproveAttributions.includes(deal.attribution)) return false;
  if (rule.autoApproveBelow !== null && (deal.amount === null || deal.amount >= rule.autoApproveBelow)) return false;
  return true;
}
