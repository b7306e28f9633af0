// /permanet/prove/1.0.0: a tab asks a relay to prove a run of a model version.
export * from './constants.ts';
export * from './codec.ts';
export * from './client.ts';
export * from './server.ts';
