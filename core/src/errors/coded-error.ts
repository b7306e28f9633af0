import { PermaNetError } from './permanet-error.ts';
// A refusal as PermaNet's protocols answer it: a code from the protocol's own list, for programs,
// and a message for people. Each protocol's errors extend it with their name.
export class CodedError<Code extends string> extends PermaNetError {
  readonly code: Code;
  constructor(code: Code, message: string) {
    super(message);
    this.code = code;
  }
}
