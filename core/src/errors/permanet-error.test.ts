import { describe, expect, it } from 'vitest';
import { CodedError } from './coded-error.ts';
import { asError, messageOf, PermaNetError } from './permanet-error.ts';

describe('PermaNetError', () => {
  it('keeps the short message, the details after it, and the cause', () => {
    const cause = new Error('ECONNREFUSED');
    const error = new PermaNetError('the relay is down', { details: 'dialing 127.0.0.1:4003', cause });
    expect(error.shortMessage).toBe('the relay is down');
    expect(error.message).toBe('the relay is down\n\nDetails: dialing 127.0.0.1:4003');
    expect(error.cause).toBe(cause);
    expect(new PermaNetError('plain').message).toBe('plain');
  });

  it("is the base of the protocols' coded refusals", () => {
    const refusal = new CodedError('busy', 'the prover is busy');
    expect(refusal).toBeInstanceOf(PermaNetError);
    expect(refusal.code).toBe('busy');
  });

  it('turns anything thrown into a message or an Error', () => {
    expect(messageOf(new Error('x'))).toBe('x');
    expect(messageOf('text')).toBe('text');
    expect(asError(42)).toBeInstanceOf(PermaNetError);
    const error = new Error('same');
    expect(asError(error)).toBe(error);
  });
});
