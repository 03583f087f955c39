/**
 * Eligibility rules of a program's application form, and the pure scoring of an application against them.
 * Each rule has a weight; the score is the weighted share of rules met (0–100). A `required` rule that is not
 * met makes the application ineligible whatever its score.
 */
export type EligibilityRule =
  | { kind: 'countries'; countries: string[]; weight: number; required: boolean }
  | { kind: 'regions'; regions: string[]; weight: number; required: boolean }
  | { kind: 'partner_types'; partnerTypes: string[]; weight: number; required: boolean }
  | { kind: 'industries'; industries: string[]; weight: number; required: boolean }
  | { kind: 'min_size'; companySize: string; weight: number; required: boolean };

export type EligibilityResult = {
  rule: number;
  kind: EligibilityRule['kind'];
  met: boolean;
  required: boolean;
  detail: string;
};
