// /permanet/pin/1.0.0: a peer asks a relay to pin a CID it holds.
export * from './constants.ts';
export * from './codec.ts';
export * from './client.ts';
export * from './server.ts';
