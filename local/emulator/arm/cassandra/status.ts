// `GET C/status` (reference §1.5): every provisioned node of every data center is Normal / Up.
import { createHash } from "node:crypto";
import type { ArmState } from "../state.js";
import { dataCentersOf } from "./dataCenterModel.js";

export function clusterStatus(state: ArmState, clusterKey: string): Record<string, unknown> {
  const dataCenters = dataCentersOf(state, clusterKey)
    .filter((dc) => dc.nodes.length > 0)
    .map((dc) => ({
      name: dc.resource.name,
      seedNodes: ((dc.resource.properties.seedNodes as Array<{ ipAddress: string }> | undefined) ?? []).map((s) => s.ipAddress),
      nodes: dc.nodes.map((node) => ({
        address: node.address,
        state: "Normal",
        status: "Up",
        cassandraProcessStatus: "Running",
        hostID: node.hostId,
        rack: "rack1",
      })),
    }));
  const eTag = createHash("sha1").update(JSON.stringify(dataCenters)).digest("hex").toUpperCase();
  return {
    eTag,
    reaperStatus: { healthy: true, repairRunIds: {}, repairSchedules: {} },
    connectionErrors: [],
    errors: [],
    dataCenters,
  };
}
