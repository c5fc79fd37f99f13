// Composition root: the only file that registers functions. Configuration is checked at start-up (a
// bad setting stops the app with the variable named); Azure SDK clients are built on first use.
import { app, type InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { CLIENT_ACTIVITIES } from "../activities/rotationRun.activity.js";
import type { ActivityName } from "../activities/contracts.js";
import { awaitEndpointApproval } from "../orchestrations/awaitEndpointApproval.orchestrator.js";
import { provisionVpnCluster } from "../orchestrations/provisionVpnCluster.orchestrator.js";
import { rotateClusterCertificates } from "../orchestrations/rotateClusterCertificates.orchestrator.js";
import { rotateFleet, rotateOneOfFleet } from "../orchestrations/rotateFleet.orchestrator.js";
import { rotateFleetPaced } from "../orchestrations/rotateFleetPaced.orchestrator.js";
import { undoProvisioning } from "../orchestrations/undoProvisioning.orchestrator.js";
import { queuedRotation } from "../orchestrations/queuedRotation.orchestrator.js";
import { wakeRotation } from "../orchestrations/wakeRotation.orchestrator.js";
import { activityHandlers } from "./activityHandlers.js";
import { loadConfig } from "./config.js";
import type { Adapters, AdaptersProvider } from "./domain/ports.js";
import { getCertificates } from "./functions/certificateStatus.js";
import { guarded, guardedHttp } from "./functions/edge.js";
import { onResourceEvent } from "./functions/endpointEvents.js";
import { onKeyVaultEvent } from "./functions/keyVaultEvents.js";
import { getRotation } from "./functions/instanceView.js";
import { getProvisioning, stopProvisioning } from "./functions/provisioningStatus.js";
import { requestRotation } from "./functions/rotationStart.js";
import { getUndo } from "./functions/undoStatus.js";
import { onRotationTimer } from "./functions/rotationTimer.js";
import { startProvisioning } from "./functions/startProvisioning.js";
import { orchestrations as O } from "./names.js";
import { telemetryHooks } from "./telemetry/hooks.js";

const config = loadConfig();

// Telemetry only when configured: the hooks load the OpenTelemetry API and the distro on first use (cold start).
const telemetry = telemetryHooks(config.telemetry);
if (telemetry) {
  app.hook.preInvocation(telemetry.pre);
  app.hook.postInvocation(telemetry.post);
}

let built: Promise<Adapters> | undefined;
const adapters: AdaptersProvider = () =>
  (built ??= import("./adapters/index.js").then((m) => m.buildAdapters(config)));

df.app.orchestration(O.provisionVpnCluster, provisionVpnCluster);
df.app.orchestration(O.awaitEndpointApproval, awaitEndpointApproval);
df.app.orchestration(O.undoProvisioning, undoProvisioning);
df.app.orchestration(O.rotateClusterCertificates, rotateClusterCertificates);
df.app.orchestration(O.rotateFleet, rotateFleet);
df.app.orchestration(O.rotateOneOfFleet, rotateOneOfFleet);
df.app.orchestration(O.rotateFleetPaced, rotateFleetPaced);
df.app.orchestration(O.wakeRotation, wakeRotation);
df.app.orchestration(O.queuedRotation, queuedRotation);

for (const [name, handler] of Object.entries(activityHandlers(adapters, config)) as Array<[ActivityName, (input: never, context: InvocationContext) => Promise<unknown>]>) {
  const client = CLIENT_ACTIVITIES.has(name) ? { extraInputs: [df.input.durableClient()] } : {};
  df.app.activity(name, { ...client, handler: (input: unknown, context) => handler(input as never, context) });
}

// Every route checks its names and ids at the edge (functions/edge.ts) and answers every failure with a body.
df.app.client.http("startProvisioning", {
  route: "provisionings", methods: ["POST"], authLevel: "function",
  handler: guarded((req, client) => startProvisioning(req, client, config)),
});
df.app.client.http("getProvisioning", {
  route: "provisionings/{id}", methods: ["GET"], authLevel: "function",
  handler: guarded((req, client) => getProvisioning(req, client)),
});
df.app.client.http("stopProvisioning", {
  route: "provisionings/{id}", methods: ["DELETE"], authLevel: "function",
  handler: guarded((req, client) => stopProvisioning(req, client)),
});
df.app.client.http("getUndo", {
  route: "provisionings/{id}/undo", methods: ["GET"], authLevel: "function",
  handler: guarded((req, client) => getUndo(req, client)),
});
df.app.client.http("getRotation", {
  route: "rotations/{id}", methods: ["GET"], authLevel: "function",
  handler: guarded((req, client) => getRotation(req, client)),
});
// Every cluster route twice: the short /api/clusters/{resourceGroup}/{clusterName}/… (AZURE_SUBSCRIPTION_ID) and the ARM-shaped
// /api/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName}/… (MANAGED_SUBSCRIPTIONS; edge.ts).
const CLUSTER_ROUTES = { "": "clusters/{resourceGroup}/{clusterName}", InSubscription: "subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName}" };
for (const [suffix, cluster] of Object.entries(CLUSTER_ROUTES)) {
  df.app.client.http(`requestRotation${suffix}`, {
    route: `${cluster}/rotations`, methods: ["POST"], authLevel: "function",
    handler: guarded((req, client) => requestRotation(req, client, { config, adapters })),
  });
  df.app.client.http(`getCertificates${suffix}`, {
    route: `${cluster}/certificates`, methods: ["GET"], authLevel: "function",
    handler: guarded((req, client) => getCertificates(req, client, { config, adapters, now: new Date() })),
  });
  // The connection kit loads on first use: users ask for it rarely, and its renderers stay out of the cold start.
  df.app.client.http(`getConnectionKit${suffix}`, {
    route: `${cluster}/connection-kit`, methods: ["GET"], authLevel: "function",
    handler: guarded(async (req) => (await import("./functions/connectionKit.js")).getConnectionKit(req, { config, adapters })),
  });
}
// The description and the status page load on first use, like the kit: operators open them, workers rarely do.
app.http("getOpenApi", {
  route: "openapi.json", methods: ["GET"], authLevel: "function",
  handler: guardedHttp(async (req) => (await import("./functions/openapi.js")).getOpenApi(req)),
});
df.app.client.http("getStatusPage", {
  route: "ui", methods: ["GET"], authLevel: "function",
  handler: guarded(async (req, client) => (await import("./functions/statusPage.js")).getStatusPage(req, client, { config, adapters, now: new Date() })),
});
df.app.client.timer("rotationTimer", {
  schedule: config.rotation.schedule,
  handler: async (_timer, client, context) => {
    await onRotationTimer(client, context, { config, adapters, now: new Date() });
  },
});
df.app.client.eventGrid("onKeyVaultEvent", {
  handler: (event, client, context) => onKeyVaultEvent(event, client, context, { config, adapters }),
});
df.app.client.eventGrid("onResourceEvent", {
  handler: (event, client, context) => onResourceEvent(event, client, context),
});

