import type { FieldError } from '../../../platform/errors.js';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** Length is what makes a password strong; we ask for 12+ characters and refuse the obvious. */
export function checkPassword(password: string, email: string | null, field = 'password'): FieldError[] {
  if (password.length < PASSWORD_MIN) return [{ field, message: `must be at least ${PASSWORD_MIN} characters` }];
  if (password.length > PASSWORD_MAX) return [{ field, message: `must be at most ${PASSWORD_MAX} characters` }];
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return [{ field, message: 'must not be your email address' }];
  }
  if (new Set(password).size < 4) return [{ field, message: 'must not repeat the same few characters' }];
  return [];
}
