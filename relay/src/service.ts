// One shape for every service of the relay: createRelay starts them in order and stops them in
// reverse, and /status and /metrics read each one's counters.
export interface RelayService<Stats = unknown> {
  /** Its key in /status (and its config section's, where it has one). */
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  stats?(): Stats;
}

/** A service whose counters /status shows. */
export type CountingService<Stats> = RelayService<Stats> & { stats(): Stats };

/**
 * Starts `services` in order and returns what stops them in reverse. When one fails to start, those
 * already started are stopped before the error is thrown.
 */
export async function startServices(services: RelayService[]): Promise<() => Promise<void>> {
  const started: RelayService[] = [];
  const stop = async () => {
    while (started.length > 0) await started.pop()!.stop();
  };
  try {
    for (const service of services) {
      await service.start();
      started.push(service);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
