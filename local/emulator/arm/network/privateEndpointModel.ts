// Private endpoint resources shaped after PrivateEndpointGetForManualApproval.json and their NICs after
// NetworkInterfaceGet.json (reference §4.2, §4.3).
import { randomUUID } from "node:crypto";
import { asRecord, type Json } from "../cassandra/clusterModel.js";
import { idKey } from "../ids.js";
import type { ArmResource, ArmState, PrivateEndpointRecord } from "../state.js";
import { newEtag } from "./networkLro.js";

export type ConnectionStatus = "Pending" | "Approved" | "Rejected" | "Disconnected";
export const CONNECTION_KINDS = ["manualPrivateLinkServiceConnections", "privateLinkServiceConnections"] as const;

export interface ConnectionState {
  status: ConnectionStatus;
  description: string;
  actionsRequired: string;
}

export const PENDING: ConnectionState = { status: "Pending", description: "Awaiting approval", actionsRequired: "None" };

export function connectionsOf(endpoint: ArmResource): Json[] {
  return CONNECTION_KINDS.flatMap((kind) => (endpoint.properties[kind] ?? []) as Json[]);
}

/** Connections as the RP returns them; a re-PUT keeps each connection's state (approval is not undone). */
export function buildConnections(endpointId: string, kind: (typeof CONNECTION_KINDS)[number], input: unknown, previous?: ArmResource): Json[] {
  const before = new Map(((previous?.properties[kind] ?? []) as Json[]).map((c) => [String(c.name), asRecord(c.properties)]));
  return ((input ?? []) as Json[]).map((connection) => {
    const name = String(connection.name);
    const props = asRecord(connection.properties);
    const state = before.get(name)?.privateLinkServiceConnectionState ?? PENDING;
    return {
      id: `${endpointId}/${kind}/${name}`,
      name,
      type: `Microsoft.Network/privateEndpoints/${kind}`,
      etag: newEtag(),
      properties: { ...props, provisioningState: "Succeeded", privateLinkServiceConnectionState: state },
    };
  });
}

export function setConnectionStates(endpoint: ArmResource, state: ConnectionState): void {
  for (const connection of connectionsOf(endpoint)) asRecord(connection.properties).privateLinkServiceConnectionState = { ...state };
  endpoint.etag = newEtag();
}

export function endpointIp(state: ArmState, record: PrivateEndpointRecord): string | undefined {
  const nic = state.networkInterfaces.get(record.networkInterfaceKey);
  const config = ((nic?.properties.ipConfigurations ?? []) as Json[])[0];
  const ip = asRecord(config?.properties).privateIPAddress;
  return typeof ip === "string" ? ip : undefined;
}

/** An endpoint connected to `privateLinkServiceId`, Approved, whose NIC holds `ip`. */
export function approvedEndpointFor(state: ArmState, privateLinkServiceId: string, ip: string): ArmResource | undefined {
  return [...state.privateEndpoints.values()].find((record) =>
    endpointIp(state, record) === ip &&
    connectionsOf(record.resource).some((c) => {
      const props = asRecord(c.properties);
      return idKey(String(props.privateLinkServiceId ?? "")) === idKey(privateLinkServiceId) &&
        asRecord(props.privateLinkServiceConnectionState).status === "Approved";
    }))?.resource;
}

export interface NicSpec {
  id: string;
  name: string;
  location: string;
  subnetId: string;
  ip: string;
  allocation: "Static" | "Dynamic";
  privateEndpointId: string;
}

/** The ipConfiguration name `privateEndpointIpConfig.<guid>` and `nicType` are UNVERIFIED (reference §4.3). */
export function newPrivateEndpointNic(spec: NicSpec): ArmResource {
  const configName = `privateEndpointIpConfig.${randomUUID()}`;
  return {
    id: spec.id,
    name: spec.name,
    type: "Microsoft.Network/networkInterfaces",
    location: spec.location,
    etag: newEtag(),
    properties: {
      provisioningState: "Succeeded",
      resourceGuid: randomUUID(),
      ipConfigurations: [{
        name: configName,
        id: `${spec.id}/ipConfigurations/${configName}`,
        type: "Microsoft.Network/networkInterfaces/ipConfigurations",
        etag: newEtag(),
        properties: { provisioningState: "Succeeded", privateIPAddress: spec.ip, privateIPAllocationMethod: spec.allocation,
          subnet: { id: spec.subnetId }, primary: true, privateIPAddressVersion: "IPv4" },
      }],
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      enableAcceleratedNetworking: false,
      enableIPForwarding: false,
      privateEndpoint: { id: spec.privateEndpointId },
      nicType: "Standard",
      vnetEncryptionSupported: false,
    },
  };
}
