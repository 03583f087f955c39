import type { Actor } from '../../../platform/access/actor.js';
import { roleMay } from '../../../platform/access/permissions.js';
import type { Role } from '../../../platform/access/roles.js';
import type { EnrollmentStatus } from '../../enrollments/rules/lifecycle.js';

/** A membership that ended or never began has nothing to agree to. */
export const CLOSED: readonly EnrollmentStatus[] = ['rejected', 'terminated'];

export type AcceptCheck = { ok: true } | { ok: false; code: 'forbidden' | 'conflict'; field: string; message: string };

/**
 * Whether `actor` may accept, for an enrollment in `status`, the agreement it says it read (`request`: the id
 * and SHA-256 of the text it showed) when `current` is the program's current version.
 */
export function checkAcceptance(input: {
  actor: { type: Actor['type']; role?: Role };
  status: EnrollmentStatus;
  current: { id: string; version: number; sha256: string } | null;
  request: { agreementId: string; sha256: string };
}): AcceptCheck {
  const { actor, status, current, request } = input;
  if (actor.type !== 'user' || !actor.role || !roleMay(actor.role, 'agreement.accept'))
    return {
      ok: false,
      code: 'forbidden',
      field: 'agreementId',
      message:
        actor.type === 'api_key'
          ? 'an agreement is accepted by a person signed in, not by an API key'
          : 'only a partner admin accepts the agreement for the company',
    };
  if (CLOSED.includes(status))
    return { ok: false, code: 'conflict', field: 'agreementId', message: `the enrollment is ${status}` };
  if (!current)
    return { ok: false, code: 'conflict', field: 'agreementId', message: 'the program has no agreement to accept' };
  if (request.agreementId !== current.id)
    return {
      ok: false,
      code: 'conflict',
      field: 'agreementId',
      message: `is not the current version of the agreement (version ${current.version} is)`,
    };
  if (request.sha256.toLowerCase() !== current.sha256)
    return {
      ok: false,
      code: 'conflict',
      field: 'sha256',
      message: 'the text you read is not the published text: reload the agreement and read it again',
    };
  return { ok: true };
}
