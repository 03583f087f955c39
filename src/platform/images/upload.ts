import { invalid } from '../errors.js';
import { type PreparedBadge, prepareBadge } from './badge.js';
import { ImageError } from './errors.js';

/** An uploaded image (badge, logo) prepared for storing; a refusal becomes a validation error on `field`. */
export function prepareUpload(bytes: Uint8Array, field: string): PreparedBadge {
  try {
    return prepareBadge(bytes);
  } catch (error) {
    if (error instanceof ImageError) throw invalid(field, error.message);
    throw error;
  }
}
