// Auto-approval and its optional Event Grid announcement (reference §6.1, §6.4), delivered to a local webhook. On
// Azure, Microsoft's approval on its own private link service raises no event in the customer's subscription
// (host-and-service.md item 6), so the emulator announces approvals only when asked to (`approvalEvents`).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../../local/emulator/server.js";
import { LOCATION, TEST_RESOURCE_GROUP, TEST_SUBSCRIPTION } from "../../support/testIds.js";
import { armClients, createNetwork, createVpnCluster, networkPath, startQuietEmulator } from "./support.js";

interface Delivery {
  headers: http.IncomingHttpHeaders;
  events: Array<Record<string, any>>;
}

let receiver: http.Server;
let deliveries: Delivery[] = [];
let onDelivery: (() => void) | undefined;
beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      deliveries.push({ headers: req.headers, events: JSON.parse(text) });
      res.writeHead(200).end();
      onDelivery?.();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});
afterAll(() => {
  receiver.closeAllConnections();
  return new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const nextDelivery = () => new Promise<void>((resolve) => (onDelivery = resolve));

async function createEndpoint(emulator: Emulator, name: string) {
  const { peSubnetId } = await createNetwork(emulator);
  const privateLinkServiceId = await createVpnCluster(emulator, `cluster-${name}`);
  return armClients(emulator).network.privateEndpoints.beginCreateOrUpdateAndWait(TEST_RESOURCE_GROUP, name, {
    location: LOCATION, subnet: { id: peSubnetId },
    manualPrivateLinkServiceConnections: [{ name, privateLinkServiceId }],
    ipConfigurations: [{ name: "static", privateIPAddress: "10.0.3.20" }],
  }, { updateIntervalInMs: 1 });
}

const webhookUrl = () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/runtime/webhooks/eventgrid?functionName=onResourceEvent`;

describe("by default, like Azure", () => {
  it("approves without posting any event, even with an Event Grid URL configured", async () => {
    deliveries = [];
    const emulator = await startQuietEmulator({ eventGridUrl: webhookUrl() });
    try {
      await createEndpoint(emulator, "pe-quiet");
      const endpoint = emulator.approve({ privateEndpointId: networkPath("privateEndpoints", "pe-quiet"), status: "Approved" });
      expect(endpoint?.properties.manualPrivateLinkServiceConnections).toMatchObject([{ properties: { privateLinkServiceConnectionState: { status: "Approved" } } }]);
      await emulator.eventsDelivered();
      expect(deliveries).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});

describe("auto-approval with Event Grid delivery (approvalEvents: the hint path, not Azure's behaviour)", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startQuietEmulator({ autoApproveMs: 150, approvalEvents: true, eventGridUrl: webhookUrl() });
  });
  afterAll(() => emulator.close());

  it("approves a pending endpoint after autoApproveMs and posts a ResourceWriteSuccess event for it", async () => {
    deliveries = [];
    const delivered = nextDelivery();
    const endpoint = await createEndpoint(emulator, "pe-auto");
    expect(endpoint.manualPrivateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status).toBe("Pending");
    await delivered;

    const [delivery] = deliveries;
    expect(delivery?.headers["aeg-event-type"]).toBe("Notification");
    expect(delivery?.events).toHaveLength(1);
    const event = delivery?.events[0] ?? {};
    const id = networkPath("privateEndpoints", "pe-auto");
    expect(event).toMatchObject({ subject: id, topic: `/subscriptions/${TEST_SUBSCRIPTION}/resourceGroups/${TEST_RESOURCE_GROUP}`,
      eventType: "Microsoft.Resources.ResourceWriteSuccess", dataVersion: "2", metadataVersion: "1" });
    expect(event.data).toMatchObject({ resourceUri: id, operationName: "Microsoft.Network/privateEndpoints/write", status: "Succeeded" });
    expect(emulator.validateDefinition("eventgrid/data-plane/Microsoft.Resources/stable/2018-01-01/Resources.json",
      "ResourceWriteSuccessData", event.data)).toEqual([]);

    const approved = await armClients(emulator).network.privateEndpoints.get(TEST_RESOURCE_GROUP, "pe-auto");
    expect(approved.manualPrivateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status).toBe("Approved");
  });

  it("posts an event for a control-API rejection too", async () => {
    deliveries = [];
    const delivered = nextDelivery();
    const endpoint = emulator.approve({ privateEndpointId: networkPath("privateEndpoints", "pe-auto"), status: "Rejected", description: "no" });
    expect(endpoint?.properties.manualPrivateLinkServiceConnections).toMatchObject([{ properties: { privateLinkServiceConnectionState: { status: "Rejected", description: "no" } } }]);
    await delivered;
    expect(deliveries[0]?.events[0]?.subject).toBe(networkPath("privateEndpoints", "pe-auto"));
  });
});

describe("Event Grid delivery failures", () => {
  it("are logged and never break the emulator", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    let failed: (fields: Record<string, unknown>) => void = () => {};
    const failure = new Promise<Record<string, unknown>>((resolve) => (failed = resolve));
    const emulator = await startQuietEmulator({ approvalEvents: true, eventGridUrl: `http://127.0.0.1:${port}/`,
      log: (level, message, fields = {}) => level === "warn" && message === "event grid delivery failed" && failed(fields) });
    try {
      await createEndpoint(emulator, "pe-lost");
      expect(emulator.approve({ privateEndpointId: networkPath("privateEndpoints", "pe-lost"), status: "Approved" })).toBeDefined();
      expect(String((await failure).error)).toContain("fetch failed");
      const endpoint = await armClients(emulator).network.privateEndpoints.get(TEST_RESOURCE_GROUP, "pe-lost");
      expect(endpoint.manualPrivateLinkServiceConnections?.[0]?.privateLinkServiceConnectionState?.status).toBe("Approved");
    } finally {
      await emulator.close();
    }
  });
});
