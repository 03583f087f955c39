/** The agreements API: versions of a program's agreement, acceptances and their public verification. */

export interface AgreementSummary {
  id: string;
  programId: string;
  version: number;
  title: string;
  status: 'draft' | 'published';
  current: boolean;
  sha256: string | null;
  acceptWithinDays: number;
  publishedAt: string | null;
  reacceptBy: string | null;
  acceptanceCount: number;
  awaitingCount: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface Agreement extends AgreementSummary {
  body: string;
}

export interface Acceptance {
  id: string;
  agreementId: string;
  version: number;
  title: string;
  programId: string;
  programName: string;
  enrollmentId: string;
  partnerId: string;
  partnerName: string;
  userId: string;
  userName: string;
  userEmail: string;
  ipAddress: string;
  userAgent: string;
  sha256: string;
  acceptedAt: string;
  verifyUrl: string;
}

export interface EnrollmentAgreement {
  enrollmentId: string;
  enrollmentStatus: string;
  programId: string;
  programName: string;
  agreement: { id: string; version: number; title: string; body: string; sha256: string; publishedAt: string } | null;
  accepted: boolean;
  acceptance: Acceptance | null;
  acceptBy: string | null;
  mayAccept: boolean;
  admins: { name: string }[];
}

export interface AcceptanceVerification {
  id: string;
  programName: string;
  agreementTitle: string;
  agreementVersion: number;
  publishedAt: string;
  partnerName: string;
  userName: string;
  acceptedAt: string;
  sha256: string;
  textMatches: boolean;
}

/** An enrollment as the portal lists it, with the state of its agreement. */
export interface EnrollmentWithAgreement {
  id: string;
  programId: string;
  programName: string;
  status: string;
  agreement: { id: string; version: number; title: string; accepted: boolean; acceptBy: string | null } | null;
}

export const agreementKeys = {
  versions: (programId: string) => ['agreements', 'versions', programId] as const,
  one: (id: string) => ['agreements', 'one', id] as const,
  acceptances: (id: string) => ['agreements', 'acceptances', id] as const,
  ofEnrollment: (enrollmentId: string) => ['agreements', 'enrollment', enrollmentId] as const,
  history: (enrollmentId: string) => ['agreements', 'history', enrollmentId] as const,
};
