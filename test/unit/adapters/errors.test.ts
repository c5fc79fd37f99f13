import { describe, expect, it } from "vitest";
import { AzureOperationError, azureCall, azureGet, toAzureError } from "../../../src/adapters/errors.js";

/** The fields RestError carries (azure-rest.md §7.1), including the request the mapping must not leak. */
function restError(statusCode: number, code?: string, message = "boom") {
  return Object.assign(new Error(message), {
    name: "RestError",
    statusCode,
    code,
    request: { headers: { authorization: "Bearer secret-token" }, body: '{"initialCassandraAdminPassword":"p@ss"}' },
  });
}

describe("toAzureError", () => {
  it.each([
    [429, "TooManyRequests", "transient"],
    [408, undefined, "transient"],
    [500, "InternalServerError", "transient"],
    [503, "ServiceUnavailable", "transient"],
    [504, undefined, "transient"],
    [501, "NotImplemented", "permanent"],
    [409, "Conflict", "conflict"],
    [404, "ResourceNotFound", "notFound"],
    [400, "InvalidRequestContent", "permanent"],
    [403, "AuthorizationFailed", "permanent"],
    [401, "Unauthorized", "permanent"],
  ])("HTTP %d %s → %s, keeping status and Azure code", (status, code, kind) => {
    const mapped = toAzureError(restError(status, code), "get cluster rg/c1");
    expect(mapped).toBeInstanceOf(AzureOperationError);
    expect(mapped.kind).toBe(kind);
    expect(mapped.statusCode).toBe(status);
    expect(mapped.code).toBe(code);
    expect(mapped.message.startsWith(`${kind}: get cluster rg/c1 failed (${status}`)).toBe(true);
  });

  it.each(["ETIMEDOUT", "ECONNRESET", "ECONNREFUSED", "ENOTFOUND", "REQUEST_SEND_ERROR"])("socket error %s is transient", (code) => {
    const e = Object.assign(new Error(`connect ${code}`), { code });
    expect(toAzureError(e, "op").kind).toBe("transient");
  });

  it("an aborted or timed-out request is transient", () => {
    expect(toAzureError(Object.assign(new Error("aborted"), { name: "AbortError" }), "op").kind).toBe("transient");
    expect(toAzureError(Object.assign(new Error("late"), { name: "TimeoutError" }), "op").kind).toBe("transient");
  });

  it("a failed long-running operation is permanent and keeps the innermost code (§3.2)", () => {
    const mapped = toAzureError(new Error("The long-running operation has failed. SubnetNotRoutable. Subnet has no route"), "create dc");
    expect(mapped.kind).toBe("permanent");
    expect(mapped.code).toBe("SubnetNotRoutable");
    expect(toAzureError(new Error("The long-running operation has failed"), "x").code).toBe("OperationFailed");
    expect(toAzureError(new Error("Operation was canceled"), "x").code).toBe("Canceled");
  });

  it("never carries the request (token, body) into the message", () => {
    const mapped = toAzureError(restError(400, "BadRequest", "Invalid\nrequest dump: Bearer secret-token"), "create cluster");
    expect(mapped.message).not.toContain("secret-token");
    expect(mapped.message).not.toContain("p@ss");
    expect(JSON.stringify(mapped)).not.toContain("secret-token");
  });

  it("does not re-wrap an already mapped error", () => {
    const once = toAzureError(restError(409, "Conflict"), "a");
    expect(toAzureError(once, "b")).toBe(once);
  });
});

describe("azureCall / azureGet", () => {
  it("azureCall rethrows mapped errors", async () => {
    await expect(azureCall("patch cluster", () => Promise.reject(restError(429)))).rejects.toMatchObject({ kind: "transient" });
  });

  it("azureGet turns 404 into undefined and rethrows everything else", async () => {
    await expect(azureGet("get", () => Promise.reject(restError(404, "ResourceNotFound")))).resolves.toBeUndefined();
    await expect(azureGet("get", () => Promise.reject(restError(403)))).rejects.toMatchObject({ kind: "permanent", statusCode: 403 });
    await expect(azureGet("get", () => Promise.resolve(1))).resolves.toBe(1);
  });
});
