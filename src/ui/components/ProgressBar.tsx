import type { JSX } from 'solid-js';
import { formatBytes } from '../format.ts';

export function ProgressBar(props: { received: number; total: number; label: string }): JSX.Element {
  const percent = () => (props.total > 0 ? Math.min(100, (props.received / props.total) * 100) : 0);
  return (
    <div class="progress" data-testid="fetch-progress" data-received={props.received} data-total={props.total}>
      <div
        class="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={props.total}
        aria-valuenow={props.received}
        aria-label={props.label}
      >
        <div class="progress-fill" style={{ width: `${percent()}%` }} />
      </div>
      <span class="progress-text">
        {props.label}: {formatBytes(props.received)} of {formatBytes(props.total)}
      </span>
    </div>
  );
}
