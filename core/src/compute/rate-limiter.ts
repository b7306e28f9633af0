// A token bucket per peer: `perSecond` requests on average, bursts up to `burst`. Peers that have
// been quiet long enough to refill are forgotten, so the map does not grow with every visitor.
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perSecond: number;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(perSecond: number, burst: number, now: () => number = Date.now) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.now = now;
  }

  /** Takes a token for `peer`; false when its bucket is empty. */
  take(peer: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(peer) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(peer, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(peer, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return true;
  }

  private forgetFull(now: number) {
    for (const [peer, bucket] of this.buckets)
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(peer);
  }
}
