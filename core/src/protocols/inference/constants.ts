// /permanet/inference/1.0.0: a peer sends a model input to a node and gets its signed output. Its id and limits.
export const INFERENCE_PROTOCOL = '/permanet/inference/1.0.0';
export const MAX_INFERENCE_MESSAGE_BYTES = 1024 * 1024;
export const MAX_TENSORS = 16;
export const MAX_DIMS = 8;
/** An IP address's request rate, in peers' rates: more ids behind one address do not buy more. */
export const PEERS_PER_IP = 4;
