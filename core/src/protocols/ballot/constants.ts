// /permanet/ballot/1.0.0: a DAO member hands a relay a signed ballot (EIP-712, the Governor's
// castVoteBySig) and the relay sends it, paying the gas. Its id and limits.
export const BALLOT_PROTOCOL = '/permanet/ballot/1.0.0';
/** How long a client waits: the relay answers once the vote is mined. */
export const BALLOT_REQUEST_TIMEOUT_MS = 60_000;
/** The largest ballot message: addresses, a proposal id and a 65-byte signature, with room. */
export const MAX_BALLOT_MESSAGE_BYTES = 1024;
