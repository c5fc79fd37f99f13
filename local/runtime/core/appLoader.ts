// Loads the app's composition root once per process and keeps what it registered. A module is
// evaluated only once per process, so a restarted runtime (same process, same entry) reuses the capture —
// as a restarted worker would re-register exactly the same functions.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { captureRegistrations, type AppCapture } from "./fakeCore.js";
import { FunctionRegistry } from "./registry.js";

const captures = new Map<string, Promise<AppCapture>>();
let previousLoad: Promise<unknown> = Promise.resolve();

/** `entry`: path of the module that calls `app.*` / `df.app.*` (the app's is src/main.ts). */
export async function loadApp(entry: string): Promise<FunctionRegistry> {
  const absolute = resolve(entry);
  let capture = captures.get(absolute);
  if (!capture) {
    // Loads are serialized: registrations go to whichever capture is open.
    capture = previousLoad.then(() => captureRegistrations(() => import(pathToFileURL(absolute).href)));
    previousLoad = capture.catch(() => undefined);
    captures.set(absolute, capture);
    capture.catch(() => captures.delete(absolute));
  }
  const loaded = await capture;
  if (loaded.functions.size === 0) {
    throw new Error(
      `${entry} registered no functions. Was it imported before the local runtime installed its @azure/functions-core stand-in?`,
    );
  }
  return new FunctionRegistry(loaded);
}
