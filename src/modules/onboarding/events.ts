import type { Tx } from '../../platform/db/database.js';
import type { OnboardingEvent } from './rules/steps.js';

/**
 * What other modules tell onboarding. Both run in the caller's transaction, so a tick lands with the change
 * that earned it.
 */

/** Starts a partner's onboarding in a program when the vendor approves its enrollment. */
export async function startOnboarding(
  _tx: Tx,
  _input: { enrollmentId: string; partnerId: string; programId: string },
): Promise<void> {
  // built by the onboarding module
}

/**
 * Ticks the steps that `event` completes for the partner: in one program when `programId` is given (e.g. an
 * agreement), otherwise in every program it is onboarding in (e.g. a completed profile).
 */
export async function recordOnboardingEvent(
  _tx: Tx,
  _input: { partnerId: string; event: OnboardingEvent; programId?: string; actorLabel: string },
): Promise<void> {
  // built by the onboarding module
}
