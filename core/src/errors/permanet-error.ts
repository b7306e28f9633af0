// The one base of every error PermaNet throws, in the app, the relay and this package (modelled on
// viem's BaseError): a short message for people, optional details, and the cause kept, so callers
// catch by class (`instanceof PermaNetError`, or the subclass) instead of casting what they caught.
export interface PermaNetErrorOptions {
  /** What went wrong underneath, for logs and bug reports; shown after the short message. */
  details?: string;
  cause?: unknown;
}

export class PermaNetError extends Error {
  override name = 'PermaNetError';
  readonly shortMessage: string;
  readonly details: string | undefined;
  constructor(shortMessage: string, { details, cause }: PermaNetErrorOptions = {}) {
    super(details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage, cause === undefined ? {} : { cause });
    this.shortMessage = shortMessage;
    this.details = details;
  }
}

/** The message of anything thrown: an Error's message, else the thing as text. */
export function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

/** Anything thrown as an Error (streams and promises want one). */
export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new PermaNetError(String(thrown));
}
