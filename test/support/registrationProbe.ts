// Loads an app entry the Node worker's way in a fresh process: `@azure/functions-core` provided (the local
// runtime's stand-in, local/runtime/core/fakeCore.ts), then import(). Prints what it registered as one JSON line.
// Usage: node --import tsx test/support/registrationProbe.ts <entry.js|entry.ts>
import { pathToFileURL } from "node:url";
import { captureRegistrations } from "../../local/runtime/core/fakeCore.js";

const entry = process.argv[2];
if (!entry) throw new Error("usage: registrationProbe.ts <entry>");
const capture = await captureRegistrations(() => import(pathToFileURL(entry).href));
const functions = [...capture.functions.values()].map(({ metadata }) => {
  const trigger = Object.values(metadata.bindings).find((b) => String(b.type).endsWith("Trigger"));
  // HTTP triggers also say where they answer: the OpenAPI test compares them with the description.
  const http = trigger?.type === "httpTrigger" ? { route: trigger.route, methods: trigger.methods } : {};
  return { name: metadata.name, trigger: trigger?.type ?? "", ...http };
});
process.stdout.write(`${JSON.stringify(functions)}\n`);
