// /permanet/ballot/1.0.0: a DAO member's signed ballot, cast by a relay that pays its gas.
export * from './constants.ts';
export * from './codec.ts';
export * from './client.ts';
export * from './server.ts';
