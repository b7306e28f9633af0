import { createServer } from 'node:net';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

const isFree = (port: number, host: string) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });

/** Fails before anything starts when a fixed port is taken, naming the variable that moves it. */
export async function assertPortsFree(
  host: string,
  ports: { port: number; variable: string; what: string }[],
): Promise<void> {
  for (const { port, variable, what } of ports) {
    if (port !== 0 && !(await isFree(port, host))) {
      throw new PortInUseError(
        `port ${port} on ${host} (the ${what}) is in use by another program; stop it or set ${variable} to another ` +
          `port`,
      );
    }
  }
}
