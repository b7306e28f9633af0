// The relay's counters in the Prometheus text exposition format (version 0.0.4), served on the
// loopback HTTP port at /metrics for a local scraper.
import type { RelayStatus } from '../relay-status.ts';

type Metric = [name: string, type: 'gauge' | 'counter', help: string, value: number];

export function metricsText(status: RelayStatus, residentBytes: number): string {
  const metrics: Metric[] = [
    ['permanet_relay_connections', 'gauge', 'Open libp2p connections.', status.connections],
    ['permanet_relay_pins', 'gauge', 'Files pinned at start.', status.pins.length],
    [
      'permanet_relay_provider_peers',
      'gauge',
      'Browser tabs that announced the models they hold.',
      status.providerPeers,
    ],
    ['permanet_relay_resident_memory_bytes', 'gauge', 'Resident memory of the relay process.', residentBytes],
  ];
  if (status.inference) {
    metrics.push(
      [
        'permanet_inference_served_total',
        'counter',
        'Inference requests answered with an output.',
        status.inference.served,
      ],
      [
        'permanet_inference_refused_total',
        'counter',
        'Inference requests answered with an error code.',
        status.inference.refused,
      ],
      ['permanet_inference_sessions', 'gauge', 'Models loaded and ready.', status.inference.sessions.length],
    );
  }
  if (status.proving) {
    metrics.push(
      ['permanet_proving_proved_total', 'counter', 'Proofs made for peers.', status.proving.proved],
      [
        'permanet_proving_refused_total',
        'counter',
        'Prove requests answered with an error code.',
        status.proving.refused,
      ],
      ['permanet_proving_waiting', 'gauge', 'Proofs waiting behind the running one.', status.proving.waiting],
    );
  }
  if (status.ballots) {
    metrics.push(
      ['permanet_ballots_cast_total', 'counter', 'Signed DAO ballots cast for members.', status.ballots.cast],
      ['permanet_ballots_refused_total', 'counter', 'Ballots answered with an error code.', status.ballots.refused],
      ['permanet_ballots_waiting', 'gauge', 'Ballots waiting behind the one being sent.', status.ballots.waiting],
    );
  }
  return metrics
    .map(([name, type, help, value]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`)
    .join('');
}
