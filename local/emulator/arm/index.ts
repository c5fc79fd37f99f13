// The emulated ARM surface: resource groups, subscriptions and the cloud metadata; Cassandra clusters and data
// centers, virtual networks, private endpoints, NICs, and the operation-status endpoints their LROs point at.
import type { FaultRegistry } from "../core/faults.js";
import type { Logger } from "../logger.js";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse, Route } from "../types.js";
import { clusterRoutes } from "./cassandra/clusters.js";
import { dataCenterRoutes } from "./cassandra/dataCenters.js";
import type { ArmContext, ClusterQuirks } from "./context.js";
import type { EventGridPublisher } from "./eventGrid.js";
import { LroEngine } from "./lro.js";
import { createApprovals, type Approvals } from "./network/approvals.js";
import { networkInterfaceRoutes } from "./network/networkInterfaces.js";
import { privateEndpointRoutes } from "./network/privateEndpoints.js";
import { virtualNetworkRoutes } from "./network/virtualNetworks.js";
import { operationRoutes } from "./operationRoutes.js";
import { metadataRoutes } from "./resources/metadata.js";
import { resourceGroupRoutes, resourceGroupKey, resourceGroupScopeProblem, seedResourceGroup, type ResourceGroupSeed } from "./resources/resourceGroups.js";
import { subscriptionRoutes } from "./resources/subscriptions.js";
import { ArmState, type ArmResource } from "./state.js";

export interface ArmServiceOptions {
  ctx: EmulatorContext;
  faults: FaultRegistry;
  events: EventGridPublisher;
  log: Logger;
  lroDelayMs: number;
  autoApproveMs?: number;
  approvalEvents: boolean;
  clusterQuirks: ClusterQuirks;
  /** Groups the user already has; the emulator keeps groups created earlier (state dir) as they are. */
  resourceGroups: readonly ResourceGroupSeed[];
  settleAfter(ms: number): void;
}

export interface ArmService {
  routes: Route[];
  approvals: Approvals;
  /** The resources themselves, for the emulated Cassandra nodes that follow them. */
  state: ArmState;
  /** Applies everything that is due by the clock: auto-approvals first, then finished operations. */
  settle(): void;
  resources(): ArmResource[];
  /** 404 ResourceGroupNotFound / 409 ResourceGroupBeingDeleted for a resource request, before the provider. */
  scopeProblem(req: EmulatorRequest): EmulatorResponse | undefined;
  /** The region of an existing resource group (ARM names it when it refuses an api-version). */
  regionOf(subscriptionId: string, resourceGroupName: string): string | undefined;
}

export function createArmService(options: ArmServiceOptions): ArmService {
  const state = new ArmState(options.ctx.store);
  const lro = new LroEngine(options.ctx, options.faults, options.lroDelayMs);
  const arm: ArmContext = { ctx: options.ctx, state, lro, events: options.events, log: options.log, approvalEvents: options.approvalEvents,
    clusterQuirks: options.clusterQuirks,
    ...(options.autoApproveMs === undefined ? {} : { autoApproveMs: options.autoApproveMs }), settleAfter: options.settleAfter };
  const approvals = createApprovals(arm);
  for (const seed of options.resourceGroups) seedResourceGroup(state, seed);
  const routes = [
    ...resourceGroupRoutes(arm),
    ...subscriptionRoutes(state),
    ...metadataRoutes(options.ctx.baseUrl),
    ...clusterRoutes(arm),
    ...dataCenterRoutes(arm),
    ...virtualNetworkRoutes(arm),
    ...privateEndpointRoutes(arm),
    ...networkInterfaceRoutes(arm),
    ...operationRoutes(lro),
  ];
  return {
    routes,
    approvals,
    state,
    settle() {
      approvals.settleAutoApprovals();
      lro.settle();
    },
    resources: () => state.allResources(),
    scopeProblem: (req) => resourceGroupScopeProblem(state, req),
    regionOf: (subscriptionId, name) => state.resourceGroups.get(resourceGroupKey(subscriptionId, name))?.location,
  };
}
