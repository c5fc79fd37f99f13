// Key Vault certificate events as Event Grid delivers them to the app (§6.5), and the Key Vault version counts a
// rotation or a renewal adds: shared by rotation/triggers.test.ts and rotation/keyVaultEvents.test.ts.
import { startLocalWorld, type LocalWorld } from "./localWorld.js";
import { certificatesOf, only, provisionCluster, type ClusterCertificates } from "./rotationScenario.js";
import { LOCAL_SUBSCRIPTION_ID } from "./testIds.js";

export const VAULT_TOPIC = `/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/kv-rg/providers/Microsoft.KeyVault/vaults/local-kv`;

export interface FunctionLogLine { level: string; fn: string; message: string }

/** A world with one provisioned cluster whose function log lines are kept: what the trigger tests start from. */
export async function provisionedWorldWithLogs(clusterName: string): Promise<{ world: LocalWorld; logs: FunctionLogLine[] }> {
  const logs: FunctionLogLine[] = [];
  const world = await startLocalWorld({
    env: { CA_RETIRE_GRACE: "PT30S" },
    runtime: { functionLog: (level, fn, message) => logs.push({ level, fn, message }) },
  });
  await provisionCluster(world, clusterName, "10.20.3.10");
  return { world, logs };
}

/** Event builders bound to a world that exists only once the test file's beforeAll ran. */
export function keyVaultEvents(worldOf: () => LocalWorld, cluster: string) {
  /** A Key Vault certificate event's data as it is on the wire (§6.5): PascalCase, NBF and EXP as strings. */
  function keyVaultData(name: string, version = "ee059b2bb5bc48398a53b168c6cdcb10") {
    return {
      Id: `${worldOf().emulator.keyVaultUrl}/certificates/${name}/${version}`, VaultName: "local-kv", ObjectType: "Certificate",
      ObjectName: name, Version: version, NBF: "1559081980", EXP: "1559082102",
    };
  }

  const eventGridEvent = (eventType: string, name: string, version?: string) => ({
    id: crypto.randomUUID(), topic: VAULT_TOPIC, subject: name, eventType, eventTime: new Date(worldOf().clock.now()).toISOString(),
    data: keyVaultData(name, version), dataVersion: "1", metadataVersion: "1",
  });

  const cloudEvent = (type: string, name: string, version?: string) => ({
    specversion: "1.0", id: crypto.randomUUID(), source: VAULT_TOPIC, subject: name, type, time: new Date(worldOf().clock.now()).toISOString(),
    data: keyVaultData(name, version),
  });

  /** The version the app tags current: what Key Vault's event names while nothing failed. */
  const currentOf = async (which: "ca" | "app") => {
    const certs = await certificatesOf(worldOf(), cluster);
    return only(which === "ca" ? certs.ca : certs.clients.app!, "current").version;
  };

  return { keyVaultData, eventGridEvent, cloudEvent, currentOf };
}

export const versionCount = (c: ClusterCertificates) => ({ ca: c.ca.length, app: c.clients.app?.length ?? 0 });
/** One CA rotation adds a bootstrap and a CA version and one client version; a client renewal one client version. */
export const oneCaRotation = (before: ClusterCertificates) => ({ ca: before.ca.length + 2, app: (before.clients.app?.length ?? 0) + 1 });
export const oneRenewal = (before: ClusterCertificates) => ({ ca: before.ca.length, app: (before.clients.app?.length ?? 0) + 1 });
