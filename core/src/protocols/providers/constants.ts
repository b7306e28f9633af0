// /permanet/providers/1.0.0: tabs announce the CIDs they hold to a relay and ask it who holds one. Its id and limits.
export const PROVIDERS_PROTOCOL = '/permanet/providers/1.0.0';
/** An announcement lists at most this many root CIDs (a tab's model cache) and addresses. */
export const MAX_ANNOUNCED_CIDS = 256;
export const MAX_ANNOUNCED_ADDRS = 8;
/** A find answers with at most this many providers. */
export const MAX_PROVIDERS = 16;
/** Peers from one IP address whose announcements are kept at once (sybils behind one address). */
export const MAX_ANNOUNCERS_PER_IP = 8;
/** Announcements per peer: on average per second, and at once. */
export const ANNOUNCES_PER_SECOND = 1;
export const ANNOUNCE_BURST = 10;
