import { PermaNetError } from '@permanet/core/errors/permanet-error';
// Errors of fetching model bytes by CID, each with a short message a person can act on.

export class InvalidCidError extends PermaNetError {
  override name = 'InvalidCidError';
  readonly input: string;
  constructor(input: string, cause: unknown) {
    super(`"${input.slice(0, 80)}" is not a valid CID`, { cause });
    this.input = input;
  }
}

export class FetchTimeoutError extends PermaNetError {
  override name = 'FetchTimeoutError';
  readonly cid: string;
  readonly receivedBytes: number;
  constructor(cid: string, seconds: number, receivedBytes: number) {
    super(
      `No peer sent ${cid} within ${seconds} s (${receivedBytes} bytes received). Is a relay that holds it online?`,
    );
    this.cid = cid;
    this.receivedBytes = receivedBytes;
  }
}

export class IntegrityError extends PermaNetError {
  override name = 'IntegrityError';
  readonly cid: string;
  readonly badBlock: string;
  constructor(cid: string, badBlock: string) {
    super(`The bytes of ${cid} do not match their CID (block ${badBlock} hashes differently). The copy was discarded.`);
    this.cid = cid;
    this.badBlock = badBlock;
  }
}
