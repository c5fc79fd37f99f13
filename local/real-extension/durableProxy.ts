// The Functions host serves the extension's management API under /runtime/webhooks/durabletask (its webhook
// routing calls HttpApiHandler). A plain WebJobs host has no such routing; the extension's own loopback
// listener (LocalHttpListener.cs, 127.0.0.1:17071 or a random 30000-31000 port) serves the same handler under
// /durabletask/. So the front forwards both prefixes there, unchanged, and the extension builds every link in
// its answers from our IWebHookProvider, i.e. back through this front (HttpApiHandler.cs HandleRequestAsync).
import { segmentsBelow, type RequestHandler } from "../runtime/http/httpTypes.js";

const PREFIXES = ["runtime/webhooks/durabletask", "durabletask"];
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "host", "content-length"]);

/** `rpcBaseUrl`: the extension's listener, e.g. http://127.0.0.1:17071/durabletask/ (from the client payload). */
export function durableProxyHandler(rpcBaseUrl: () => string | undefined): RequestHandler {
  return async (req) => {
    const prefix = PREFIXES.find((p) => segmentsBelow(req.url, p));
    if (!prefix) return undefined;
    const base = rpcBaseUrl();
    if (!base) return { status: 503, body: "The Durable extension host is not running." };
    const rest = req.url.pathname.slice(prefix.length + 1).replace(/^\/+/, "");
    const target = new URL(rest + req.url.search, base);
    const headers = Object.entries(req.headers)
      .filter(([name, value]) => !HOP_BY_HOP.has(name) && typeof value === "string") as Array<[string, string]>;
    const hasBody = req.method !== "GET" && req.method !== "HEAD" && req.body.length > 0;
    const res = await fetch(target, { method: req.method, headers, ...(hasBody ? { body: req.body } : {}), redirect: "manual" });
    const out: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name) && name !== "content-encoding") out[name] = value;
    });
    return { status: res.status, headers: out, body: Buffer.from(await res.arrayBuffer()) };
  };
}
