// The activity table: one implementation per activity contract, each bound to the shared adapters and the settings
// it needs. Apart from main.ts so the composition root stays a list of registrations; main.ts registers what this builds.
import { beginCertificateVersion, readCertificateOperation, readCertificateVersions, setCertificateStage, signAndMergeCertificate, tagCertificateVersion } from "../activities/certificates.activity.js";
import { scheduleRetireWaker } from "../activities/retireWaker.activity.js";
import { deleteCluster, ensureCluster, readCluster, readClusterHealth, readClusterNodes } from "../activities/cluster.activity.js";
import { deleteDatacenter, ensureDatacenter, readDatacenter } from "../activities/datacenter.activity.js";
import { readCertificateInventory } from "../activities/inventory.activity.js";
import { preflightProvisioning } from "../activities/preflight.activity.js";
import { deletePrivateEndpoint, ensurePrivateEndpoint, readEndpointIp, readPrivateEndpoint } from "../activities/privateEndpoint.activity.js";
import type { ActivityName } from "../activities/contracts.js";
import type { ActivityHandler } from "../activities/stepResult.js";
import { readClusterTrust, updateClusterTrust } from "../activities/trust.activity.js";
import { readClusterRotation, startClusterRotation } from "../activities/rotationRun.activity.js";
import { verifyClientCertificate } from "../activities/verify.activity.js";
import { readFleetRotations, startFleetRotations } from "../activities/fleetRotations.activity.js";
import type { Config } from "./config.js";
import type { AdaptersProvider } from "./domain/ports.js";
import { activities as A } from "./names.js";

// One implementation per activity contract: a missing or mistyped activity does not compile.
export function activityHandlers(adapters: AdaptersProvider, config: Readonly<Config>): { [N in ActivityName]: ActivityHandler<N> } {
  return {
    [A.preflightProvisioning]: preflightProvisioning(adapters),
    [A.ensureCluster]: ensureCluster(adapters),
    [A.readCluster]: readCluster(adapters),
    [A.readClusterNodes]: readClusterNodes(adapters),
    [A.readClusterHealth]: readClusterHealth(adapters),
    [A.deleteCluster]: deleteCluster(adapters),
    [A.ensurePrivateEndpoint]: ensurePrivateEndpoint(adapters),
    [A.readPrivateEndpoint]: readPrivateEndpoint(adapters),
    [A.readEndpointIp]: readEndpointIp(adapters),
    [A.deletePrivateEndpoint]: deletePrivateEndpoint(adapters),
    [A.ensureDatacenter]: ensureDatacenter(adapters),
    [A.readDatacenter]: readDatacenter(adapters),
    [A.deleteDatacenter]: deleteDatacenter(adapters),
    [A.readCertificateVersions]: readCertificateVersions(adapters),
    [A.readCertificateInventory]: readCertificateInventory(adapters, config.managedByTag),
    [A.beginCertificateVersion]: beginCertificateVersion(adapters),
    [A.readCertificateOperation]: readCertificateOperation(adapters),
    [A.signAndMergeCertificate]: signAndMergeCertificate(adapters),
    [A.setCertificateStage]: setCertificateStage(adapters),
    [A.updateClusterTrust]: updateClusterTrust(adapters),
    [A.readClusterTrust]: readClusterTrust(adapters),
    [A.verifyClientCertificate]: verifyClientCertificate(adapters, config.cql),
    [A.startClusterRotation]: startClusterRotation(),
    [A.readClusterRotation]: readClusterRotation(),
    [A.startFleetRotations]: startFleetRotations(adapters),
    [A.readFleetRotations]: readFleetRotations(adapters),
    [A.tagCertificateVersion]: tagCertificateVersion(adapters),
    [A.scheduleRetireWaker]: scheduleRetireWaker(),
  };
}
