// One loopback HTTP server for everything the host serves: app HTTP triggers, the Durable management API
// (webhook and rpcBaseUrl paths), the Event Grid webhook and the admin API (durable-runtime.md §1).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { textResponse, type IncomingRequest, type OutgoingResponse, type RequestHandler } from "./httpTypes.js";

export interface RunningServer {
  port: number;
  origin: string;
  /** `force`: drop open connections at once (a killed process). */
  close(force?: boolean): Promise<void>;
}

async function readRequest(req: IncomingMessage, host: string): Promise<IncomingRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? host}`);
  return { method: (req.method ?? "GET").toUpperCase(), url, headers: req.headers, body: Buffer.concat(chunks) };
}

function writeResponse(res: ServerResponse, out: OutgoingResponse): void {
  res.writeHead(out.status, out.headers ?? {});
  res.end(out.body);
}

export async function startHttpServer(host: string, port: number, handlers: () => RequestHandler[]): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        const request = await readRequest(req, `${host}:${port}`);
        for (const handle of handlers()) {
          const out = await handle(request);
          if (out) return writeResponse(res, out);
        }
        writeResponse(res, textResponse(404, "Not Found"));
      } catch (error) {
        if (!res.headersSent) writeResponse(res, textResponse(500, error instanceof Error ? error.message : String(error)));
        else res.destroy();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    origin: `http://${host}:${actualPort}`,
    close: (force = false) =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if (force) server.closeAllConnections();
        else server.closeIdleConnections();
      }),
  };
}
