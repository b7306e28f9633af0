import { describe, expect, it } from 'vitest';
import { type RelayService, startServices } from './service.ts';

const recording = (log: string[], name: string, failStart = false): RelayService => ({
  name,
  async start() {
    if (failStart) throw new Error(`${name} cannot start`);
    log.push(`start ${name}`);
  },
  async stop() {
    log.push(`stop ${name}`);
  },
});

describe("the relay's services", () => {
  it('start in order and stop in reverse', async () => {
    const log: string[] = [];
    const stop = await startServices(['pins', 'pin', 'http'].map((name) => recording(log, name)));
    await stop();
    expect(log).toEqual(['start pins', 'start pin', 'start http', 'stop http', 'stop pin', 'stop pins']);
  });

  it('that started are stopped when a later one fails to start, and the error is thrown', async () => {
    const log: string[] = [];
    const services = [recording(log, 'pins'), recording(log, 'pin'), recording(log, 'http', true)];
    await expect(startServices(services)).rejects.toThrow('http cannot start');
    expect(log).toEqual(['start pins', 'start pin', 'stop pin', 'stop pins']);
  });
});
