// The scan every LocalWorld answer goes through must catch what createCheckStatusResponse hands out.
import { describe, expect, it } from "vitest";
import { assertNoManagementUrls } from "../../support/localWorld.js";

const checkStatusPayload = JSON.stringify({
  id: "provision-x",
  statusQueryGetUri: "https://app.azurewebsites.net/runtime/webhooks/durabletask/instances/provision-x?taskHub=Hub&connection=Storage&code=SYSTEMKEY",
  terminatePostUri: "https://app.azurewebsites.net/runtime/webhooks/durabletask/instances/provision-x/terminate?reason={text}&code=SYSTEMKEY",
});

describe("assertNoManagementUrls", () => {
  it("refuses the durable check-status payload and a Location that carries a key", () => {
    expect(() => assertNoManagementUrls("POST /api/provisionings", checkStatusPayload, new Headers())).toThrow(/durable management URL/);
    expect(() => assertNoManagementUrls("POST /x", "{}", new Headers({ location: "https://app/api/x?code=abc" }))).toThrow(/or a key/);
  });

  it("lets the app's own status answer through", () => {
    const body = JSON.stringify({ id: "provision-x", statusUri: "http://127.0.0.1:7071/api/provisionings/provision-x" });
    expect(() => assertNoManagementUrls("POST /api/provisionings", body, new Headers({ location: "http://127.0.0.1:7071/api/provisionings/provision-x" }))).not.toThrow();
  });
});
