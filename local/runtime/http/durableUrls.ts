// The durableClient binding payload and the management URLs (durable-runtime.md §6.1, §6.3). The local
// host serves the rpcBaseUrl API on the same port as everything else (the real host uses 127.0.0.1:17071).
// `code=` is a placeholder: locally no key protects the API; in Azure it is the extension's system key.

export const WEBHOOK_PATH = "runtime/webhooks/durabletask";
export const RPC_PATH = "durabletask";
const INSTANCE_ID_PLACEHOLDER = "INSTANCEID";
const LOCAL_KEY = "local";

function managementUrlTemplates(origin: string, taskHub: string, instanceId: string) {
  const base = `${origin}/${WEBHOOK_PATH}/instances/${encodeURIComponent(instanceId).replace(/%3A/gi, ":")}`;
  const query = `taskHub=${encodeURIComponent(taskHub)}&connection=Storage&code=${LOCAL_KEY}`;
  return {
    id: instanceId,
    statusQueryGetUri: `${base}?${query}`,
    sendEventPostUri: `${base}/raiseEvent/{eventName}?${query}`,
    terminatePostUri: `${base}/terminate?reason={text}&${query}`,
    rewindPostUri: `${base}/rewind?reason={text}&${query}`,
    purgeHistoryDeleteUri: `${base}?${query}`,
    restartPostUri: `${base}/restart?${query}`,
    suspendPostUri: `${base}/suspend?reason={text}&${query}`,
    resumePostUri: `${base}/resume?reason={text}&${query}`,
  };
}

/** What the host's 202 start response carries (`rewindPostUri` is only in createCheckStatusResponse). */
export function managementPayload(origin: string, taskHub: string, instanceId: string) {
  const { rewindPostUri: _rewind, ...urls } = managementUrlTemplates(origin, taskHub, instanceId);
  return urls;
}

export function durableClientData(origin: string, taskHub: string) {
  const webhookBase = `${origin}/${WEBHOOK_PATH}`;
  const creation = `${webhookBase}/orchestrators/{functionName}[/{instanceId}]`;
  return {
    taskHubName: taskHub,
    creationUrls: {
      createNewInstancePostUri: `${creation}?code=${LOCAL_KEY}`,
      createAndWaitOnNewInstancePostUri: `${creation}?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&code=${LOCAL_KEY}`,
    },
    managementUrls: managementUrlTemplates(origin, taskHub, INSTANCE_ID_PLACEHOLDER),
    baseUrl: webhookBase,
    requiredQueryStringParameters: `code=${LOCAL_KEY}`,
    rpcBaseUrl: `${origin}/${RPC_PATH}/`,
    httpBaseUrl: webhookBase,
  };
}
