// /permanet/pin/1.0.0: a peer asks a relay to pin a CID it holds. Its id and limits.
export const PIN_PROTOCOL = '/permanet/pin/1.0.0';
/** How far ahead a signed request may expire: a signature is good for a short while only. */
export const MAX_SIGNATURE_LIFETIME_S = 3600;
/** How long a client waits for a relay's answer: past a relay's default fetch timeout (pin.timeout_ms, 120 s). */
export const PIN_REQUEST_TIMEOUT_MS = 150_000;
/** The most relays and CIDs one signed grant names (a model's weights, its card, its artifacts). */
export const MAX_GRANT_RELAYS = 16;
export const MAX_GRANT_CIDS = 16;
