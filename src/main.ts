// Composition root: the only file that registers functions. Configuration is checked at start-up (a
// bad setting stops the app with the variable named); Azure SDK clients are built on first use.
import * as df from "durable-functions";
import { deleteCluster, ensureCluster, readCluster, readClusterNodes } from "../activities/cluster.activity.js";
import { deleteDatacenter, ensureDatacenter, readDatacenter } from "../activities/datacenter.activity.js";
import { preflightProvisioning } from "../activities/preflight.activity.js";
import { deletePrivateEndpoint, ensurePrivateEndpoint, readEndpointIp, readPrivateEndpoint } from "../activities/privateEndpoint.activity.js";
import type { AdaptersProvider } from "../activities/stepResult.js";
import { awaitEndpointApproval } from "../orchestrations/awaitEndpointApproval.orchestrator.js";
import { provisionVpnCluster } from "../orchestrations/provisionVpnCluster.orchestrator.js";
import { undoProvisioning } from "../orchestrations/undoProvisioning.orchestrator.js";
import type { Adapters } from "./adapters/index.js";
import { loadConfig } from "./config.js";
import { onResourceEvent } from "./functions/endpointEvents.js";
import { getProvisioning, stopProvisioning } from "./functions/provisioningStatus.js";
import { startProvisioning } from "./functions/startProvisioning.js";
import { activities as A, orchestrations as O } from "./names.js";

const config = loadConfig();

let built: Promise<Adapters> | undefined;
const adapters: AdaptersProvider = () =>
  (built ??= import("./adapters/index.js").then((m) => m.buildAdapters(config)));

df.app.orchestration(O.provisionVpnCluster, provisionVpnCluster);
df.app.orchestration(O.awaitEndpointApproval, awaitEndpointApproval);
df.app.orchestration(O.undoProvisioning, undoProvisioning);

const activityHandlers: Record<string, (deps: AdaptersProvider) => (input: never) => Promise<unknown>> = {
  [A.preflightProvisioning]: preflightProvisioning,
  [A.ensureCluster]: ensureCluster,
  [A.readCluster]: readCluster,
  [A.readClusterNodes]: readClusterNodes,
  [A.deleteCluster]: deleteCluster,
  [A.ensurePrivateEndpoint]: ensurePrivateEndpoint,
  [A.readPrivateEndpoint]: readPrivateEndpoint,
  [A.readEndpointIp]: readEndpointIp,
  [A.deletePrivateEndpoint]: deletePrivateEndpoint,
  [A.ensureDatacenter]: ensureDatacenter,
  [A.readDatacenter]: readDatacenter,
  [A.deleteDatacenter]: deleteDatacenter,
};
for (const [name, factory] of Object.entries(activityHandlers)) {
  const handler = factory(adapters);
  df.app.activity(name, { handler: (input: unknown) => handler(input as never) });
}

df.app.client.http("startProvisioning", {
  route: "provisionings", methods: ["POST"], authLevel: "function",
  handler: (req, client) => startProvisioning(req, client, config),
});
df.app.client.http("getProvisioning", {
  route: "provisionings/{id}", methods: ["GET"], authLevel: "function",
  handler: (req, client) => getProvisioning(req.params.id ?? "", client),
});
df.app.client.http("stopProvisioning", {
  route: "provisionings/{id}", methods: ["DELETE"], authLevel: "function",
  handler: (req, client) => stopProvisioning(req, req.params.id ?? "", client),
});
df.app.client.eventGrid("onResourceEvent", {
  handler: (event, client, context) => onResourceEvent(event, client, context),
});

