// /permanet/providers/1.0.0: tabs announce the CIDs they hold to a relay and ask it who holds one.
export * from './constants.ts';
export * from './codec.ts';
export * from './client.ts';
export * from './server.ts';
export * from './records.ts';
