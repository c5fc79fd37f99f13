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

async function readRequest(req: IncomingMessage, host: string): Promise<IncomingRequest | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let url: URL;
  try {
    url = new URL(req.url ?? "/", `http://${host}`);
  } catch {
    return undefined;
  }
  return { method: (req.method ?? "GET").toUpperCase(), url, headers: req.headers, body: Buffer.concat(chunks) };
}

function writeResponse(res: ServerResponse, out: OutgoingResponse): void {
  res.writeHead(out.status, out.headers ?? {});
  res.end(out.body);
}

/** Whether every %XX of the path decodes (as UTF-8): a handler decoding a malformed one would throw. */
function wellEncoded(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * `report` gets what failed inside (the host log); the caller only ever gets a status and a fixed text, never the
 * error's message (which may hold its own input or a local path).
 */
export async function startHttpServer(host: string, port: number, handlers: () => RequestHandler[], report: (line: string) => void = () => {}): Promise<RunningServer> {
  let listening = port;
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        // The URL is the server's own origin, whatever Host header a caller sends (the app builds Location from it).
        const request = await readRequest(req, `${host}:${listening}`);
        if (!request) return writeResponse(res, textResponse(400, "The request target is not a valid URL."));
        if (!wellEncoded(request.url.pathname)) return writeResponse(res, textResponse(400, "The request path holds a malformed percent-encoding."));
        for (const handle of handlers()) {
          const out = await handle(request);
          if (out) return writeResponse(res, out);
        }
        writeResponse(res, textResponse(404, "Not Found"));
      } catch (error) {
        report(`HTTP ${req.method ?? ""} failed inside the local runtime: ${error instanceof Error ? error.message : String(error)}`.replace(/[\u0000-\u001f]/g, " "));
        if (!res.headersSent) writeResponse(res, textResponse(500, "The local runtime failed to answer this request; its log has the reason."));
        else res.destroy();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (listening = (server.address() as AddressInfo).port);
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
