// /permanet/block/1.0.0: one block by its CID from a peer's own store.
export * from './constants.ts';
export * from './codec.ts';
export * from './client.ts';
export * from './server.ts';
