import { For, type JSX } from 'solid-js';

/** Class probabilities as bars; the winning class is highlighted. */
export function Probabilities(props: { values: number[]; labels: string[] }): JSX.Element {
  const best = () => props.values.indexOf(Math.max(...props.values));
  return (
    <ol class="probabilities" data-testid="probabilities" data-top={props.labels[best()]}>
      <For each={props.values}>
        {(value, i) => (
          <li class={i() === best() ? 'best' : ''} data-testid={`probability-${props.labels[i()]}`} data-value={value}>
            <span class="label">{props.labels[i()]}</span>
            <span class="bar" style={{ width: `${(value * 100).toFixed(1)}%` }} />
            <span class="value">{(value * 100).toFixed(1)}%</span>
          </li>
        )}
      </For>
    </ol>
  );
}
