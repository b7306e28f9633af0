// A resource's value where a component reads it: Solid throws when a failed resource is read, so
// a view that shows the error beside the value reads it through this.
import type { Resource } from 'solid-js';

/** The resource's latest value, or undefined while it has failed. */
export const settled = <T>(resource: Resource<T>): T | undefined => (resource.error ? undefined : resource());
