// The app's telemetry as Functions invocation hooks (registered in main.ts only when a connection string or a
// webhook is set): an activity's span opens before it runs and closes after, with its saga's instance id from the
// trigger metadata (the extension's activity binding data); an orchestration episode whose generator returned or
// threw ends its saga. Episodes that only replay and schedule are not looked at: nothing is emitted during replay.
// emit.js and the OpenTelemetry API load on the first invocation, the distro on the first with a connection string.
import type { InvocationContext, PostInvocationContext, PreInvocationContext } from "@azure/functions";
import { installTelemetry } from "./install.js";
import { sagaEnd } from "./sagaEnd.js";

export interface TelemetrySettings {
  connectionString?: string;
  entraClientId?: string;
  notifyWebhookUrl?: string;
}

type Loaded = [typeof import("./emit.js"), typeof import("./notify.js")];

const triggerType = (context: InvocationContext) => context.options.trigger.type;

export function telemetryHooks(settings: TelemetrySettings) {
  if (!settings.connectionString && !settings.notifyWebhookUrl) return undefined;
  let loaded: Promise<Loaded> | undefined;
  const load = () => (loaded ??= (async () => {
    const { connectionString, entraClientId } = settings;
    if (connectionString) await installTelemetry({ connectionString, ...(entraClientId === undefined ? {} : { entraClientId }) });
    return Promise.all([import("./emit.js"), import("./notify.js")]);
  })());

  const pre = async ({ invocationContext, hookData }: PreInvocationContext) => {
    if (triggerType(invocationContext) !== "activityTrigger") return;
    const instanceId = invocationContext.triggerMetadata?.instanceId;
    if (typeof instanceId !== "string") return;
    const [emit] = await load();
    hookData.span = emit.startActivitySpan(invocationContext.functionName, instanceId);
  };

  const post = async ({ invocationContext, hookData, inputs, result, error }: PostInvocationContext) => {
    const type = triggerType(invocationContext);
    if (type === "activityTrigger" && hookData.span) {
      const [emit] = await load();
      emit.endActivitySpan(hookData.span as never, result, error);
      const answer = result as { ok?: boolean; value?: unknown } | undefined;
      const input = inputs[0] as { cluster?: { resourceGroup?: string; clusterName?: string } } | undefined;
      if (invocationContext.functionName === "readCertificateInventory" && answer?.ok && input?.cluster) {
        emit.recordInventory(`${input.cluster.resourceGroup}/${input.cluster.clusterName}`, answer.value as never);
      }
      return;
    }
    if (type !== "orchestrationTrigger") return;
    const end = sagaEnd(invocationContext.functionName, inputs[0], result, error);
    if (!end) return;
    const [emit, { notify }] = await load();
    emit.recordSagaEnd(end.record);
    if (end.notification) await notify(end.notification, settings.notifyWebhookUrl, (line) => invocationContext.warn(line));
  };

  return { pre, post };
}
