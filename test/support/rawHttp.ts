// HTTP requests sent exactly as written: fetch normalizes paths (`..`, `%2e%2e`) and refuses some headers, which
// would hide the very inputs the hostile-input tests are about. Loopback only.
import { request } from "node:http";

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
}

export interface RawRequest {
  method: string;
  /** The request target as sent, e.g. "/api/clusters/rg/a%2F..%2Fb/rotations". */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function rawHttp(origin: string, req: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
  return new Promise((resolve, reject) => {
    const sent = request({
      host: hostname,
      port: Number(port),
      method: req.method,
      path: req.path,
      headers: { ...(body ? { "content-length": String(body.length) } : {}), ...req.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on("error", reject);
    });
    sent.on("error", reject);
    sent.end(body);
  });
}
