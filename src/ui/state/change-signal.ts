// Makes an object that tells of its own changes (the model cache, the session pool) reactive: a
// reader made by `reading` runs again in Solid's effects and memos whenever `changed` is called.
import { createSignal } from 'solid-js';

export function createChangeSignal() {
  const [track, changed] = createSignal(undefined, { equals: false });
  return {
    changed: () => changed(),
    reading:
      <T>(read: () => T) =>
      () => {
        track();
        return read();
      },
  };
}
