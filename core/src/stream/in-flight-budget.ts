// Bytes that requests from one key (an IP address) may hold in memory at once. A stream takes the
// length its message's prefix declares before the body is read, so a flood of large requests is
// refused before it is buffered, whatever number of peer ids or streams it comes on, while small
// requests are not counted as large ones.
export class InFlightBudget {
  private readonly held = new Map<string, number>();
  private readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** Takes `bytes` of `key`'s budget; false (and nothing taken) when it would go over. */
  take(key: string, bytes: number): boolean {
    const now = this.held.get(key) ?? 0;
    if (now + bytes > this.maxBytes) return false;
    this.held.set(key, now + bytes);
    return true;
  }

  release(key: string, bytes: number): void {
    const left = (this.held.get(key) ?? 0) - bytes;
    if (left > 0) this.held.set(key, left);
    else this.held.delete(key);
  }
}
