import type { OnboardingEvent } from './steps.js';

/** Who ticks a step by hand: the vendor's staff, or the partner's own users. */
export type Ticker = 'vendor' | 'partner';

/**
 * A partner ticks only steps no event completes (its own word is all there is); steps with an event are the
 * event's to tick, or the vendor's when the event cannot happen yet (e.g. training before a learning module).
 */
export function mayTick(by: Ticker, step: { event: OnboardingEvent | null }): boolean {
  return by === 'vendor' || step.event === null;
}

/** How many people a partner's team counts (users and pending invitations) before "invite your team" is done. */
export const TEAM_STARTED_AT = 2;
export const teamStarted = (people: number): boolean => people >= TEAM_STARTED_AT;
