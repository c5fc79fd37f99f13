// When a refused PATCH of the cluster sends the write to GET + full PUT (400, 405, 501, or a 4xx that says "not
// implemented") and when it is an answer a PUT would get the same way (busy, gone, forbidden, throttled, transient).
import { describe, expect, it } from "vitest";
import { patchNotImplemented } from "../../../src/adapters/clusterWrites.js";

describe("patchNotImplemented", () => {
  it.each([
    [{ statusCode: 501, code: "NotImplemented", message: "x" }, true],
    [{ statusCode: 405, code: "MethodNotAllowed", message: "The requested resource does not support http method 'PATCH'." }, true],
    [{ statusCode: 400, code: "BadRequest", message: "Update isn't implemented for this resource." }, true],
    // The real answer's wording is unverified: any 400 goes to the PUT, which refuses a genuine bad request again.
    [{ statusCode: 400, code: "InvalidCertificate", message: "clientCertificates[1] is not a PEM certificate." }, true],
    [{ statusCode: 400 }, true],
    [{ statusCode: 422, code: "NotImplemented", message: "Operation not supported." }, true],
    [{ statusCode: 412, code: "PreconditionFailed", message: "The method is not implemented." }, true],
    [{ statusCode: 409, code: "Conflict", message: "There is already an operation in progress." }, false],
    [{ statusCode: 404, code: "ResourceNotFound", message: "not found" }, false],
    [{ statusCode: 403, code: "AuthorizationFailed", message: "does not have authorization to perform action 'write'" }, false],
    [{ statusCode: 429, code: "TooManyRequests", message: "throttled" }, false],
    [{ statusCode: 503, code: "NotImplemented", message: "x" }, false],
    [{ statusCode: 500, code: "InternalServerError", message: "not implemented yet" }, false],
    [{ message: "The long-running operation has failed. NotImplemented. x" }, false],
    [undefined, false],
  ])("%j → %s", (error, expected) => {
    expect(patchNotImplemented(error)).toBe(expected);
  });
});
