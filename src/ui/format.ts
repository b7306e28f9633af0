import { formatEther, parseEther } from 'viem';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

export function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function shortCid(cid: string): string {
  return cid.length > 20 ? `${cid.slice(0, 10)}…${cid.slice(-6)}` : cid;
}

/** An address or hash for reading, not copying: 0x1234…abcd. */
export const shortHex = (hex: string): string => `${hex.slice(0, 6)}…${hex.slice(-4)}`;

/** A peer id as people tell peers apart: its last 8 characters. */
export const peerTail = (peer: string): string => `…${peer.slice(-8)}`;

/** How long ago, for people: "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAgo(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}

/** An amount of JOY (wei) for people: "12.5 JOY", zero too. */
export const formatJoyAmount = (wei: bigint): string => `${formatEther(wei)} JOY`;

/** A JOY price (wei) for people: "free" for zero. */
export function formatJoy(wei: bigint): string {
  return wei === 0n ? 'free' : formatJoyAmount(wei);
}

/** A model's terms in one line: per use, and the licence when one is on sale. */
export function formatTerms(pricePerUse: bigint, licencePrice: bigint): string {
  const use = pricePerUse === 0n ? 'free to use' : `${formatJoy(pricePerUse)} per use`;
  return licencePrice === 0n ? use : `${use}, licence ${formatJoy(licencePrice)}`;
}

/** An amount of JOY as a person types it ("12.5") in wei; null unless it is a number above zero. */
export function parseJoy(text: string): bigint | null {
  try {
    const wei = parseEther(text.trim() || 'x');
    return wei > 0n ? wei : null;
  } catch {
    return null;
  }
}
