// /permanet/prove/1.0.0: a tab asks a relay to prove a run of a model version. Its id and limits.
export const PROVE_PROTOCOL = '/permanet/prove/1.0.0';
export const MAX_PROVE_MESSAGE_BYTES = 256 * 1024;
/** The most private input values a request carries (the digit model takes 784). */
export const MAX_PROOF_INPUTS = 16_384;
