// The one native port P every emulated node listens on (each on its own loopback address, environment.md). It is
// chosen at start so the CLI can print it: the requested port (9042 by default) when it is free, else a free one.
// A placeholder listener on 127.0.0.1:P holds it, so no wildcard (0.0.0.0) bind can take P before the nodes do.
import net from "node:net";
import type { Logger } from "../logger.js";

const PLACEHOLDER_ADDRESS = "127.0.0.1";

export interface CqlPortReservation {
  port: number;
  release(): Promise<void>;
}

export async function reserveCqlPort(requested: number, log: Logger): Promise<CqlPortReservation> {
  let server: net.Server;
  try {
    server = await listenPlaceholder(requested);
  } catch (error) {
    if (requested === 0) throw error;
    log("warn", "cql port unavailable, using a free port instead", { requested, error: (error as NodeJS.ErrnoException).code ?? String(error) });
    server = await listenPlaceholder(0);
  }
  return {
    port: (server.address() as net.AddressInfo).port,
    release: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function listenPlaceholder(port: number): Promise<net.Server> {
  // Nothing is served here: 127.0.0.1 is never a node address (the node pool starts at 127.0.0.2).
  const server = net.createServer((socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host: PLACEHOLDER_ADDRESS }, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
