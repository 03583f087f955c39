/** Shapes of the applications API: the public form, the vendor's form settings and the review queue. */

export const RULE_KINDS = ['countries', 'regions', 'partner_types', 'industries', 'min_size'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface EligibilityRule {
  kind: RuleKind;
  countries?: string[];
  regions?: string[];
  partnerTypes?: string[];
  industries?: string[];
  companySize?: string;
  weight: number;
  required: boolean;
  /** The rule in words (answered by the server). */
  description?: string;
}

export interface ApplicationForm {
  programId: string;
  programKey: string;
  programName: string;
  programStatus: string;
  published: boolean;
  /** Published and the program active: the public page takes applications now. */
  live: boolean;
  intro: string;
  rules: EligibilityRule[];
  passScore: number;
  publicPath: string;
  updatedAt: string | null;
}

interface Choice {
  value: string;
  label: string;
}

export interface PublicApplicationForm {
  programKey: string;
  programName: string;
  description: string;
  intro: string;
  requirements: { text: string; required: boolean }[];
  vocabularies: { regions: Choice[]; partnerTypes: Choice[]; companySizes: Choice[] };
}

export interface ApplicationReceipt {
  id: string;
  message: string;
}

export const APPLICATION_STATUSES = ['received', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface EligibilityResult {
  rule: number;
  kind: RuleKind;
  met: boolean;
  required: boolean;
  detail: string;
}

interface Ref {
  id: string;
  name: string;
}

export interface Application {
  id: string;
  programId: string;
  programName: string;
  companyName: string;
  website: string;
  domain: string;
  country: string;
  regions: string[];
  partnerTypes: string[];
  industries: string[];
  companySize: string;
  contactName: string;
  contactEmail: string;
  message: string;
  score: number;
  eligible: boolean;
  eligibility: EligibilityResult[];
  status: ApplicationStatus;
  duplicateOf: { id: string; companyName: string; status: ApplicationStatus; createdAt: string } | null;
  matchedPartner: Ref | null;
  partner: Ref | null;
  reviewReason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

export interface ApplicationDetail extends Application {
  sameDomain: { id: string; companyName: string; programName: string; status: ApplicationStatus; createdAt: string }[];
}

export interface ApplicationApproval {
  application: ApplicationDetail;
  partner: Ref & { created: boolean };
  enrollmentId: string;
  invitation: { id: string; email: string } | null;
}
