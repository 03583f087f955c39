export type ImageErrorReason = 'too_large' | 'unsupported_type' | 'not_svg' | 'malformed' | 'doctype' | 'bad_data_uri';

/** A refused image; the message completes a field name ("badge: must be …") so a service can pass it on as is. */
export class ImageError extends Error {
  constructor(
    readonly reason: ImageErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}
