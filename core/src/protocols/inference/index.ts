// /permanet/inference/1.0.0: a peer sends a model input to a node and gets its signed output.
export * from './constants.ts';
export * from './codec.ts';
export * from './client.ts';
export * from './server.ts';
