import { describe, expect, it } from "vitest";
import { FaultRegistry } from "../../../local/emulator/core/faults.js";

describe("fault registry", () => {
  it("matches by method and path pattern and uses a rule up after `times` matches", () => {
    const faults = new FaultRegistry();
    faults.add({ match: { method: "get", pathPattern: "/clusters/c1$" }, response: { status: 500 }, times: 2 });
    expect(faults.takeRequestFault("PUT", "/clusters/c1")).toBeUndefined();
    expect(faults.takeRequestFault("GET", "/clusters/c10")).toBeUndefined();
    expect(faults.takeRequestFault("GET", "/clusters/c1")?.response).toEqual({ status: 500 });
    expect(faults.takeRequestFault("GET", "/clusters/c1")).toBeDefined();
    expect(faults.takeRequestFault("GET", "/clusters/c1")).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it("keeps a rule without `times` forever", () => {
    const faults = new FaultRegistry();
    faults.add({ response: { drop: true } });
    for (let i = 0; i < 5; i++) expect(faults.takeRequestFault("GET", `/any/${i}`)).toBeDefined();
  });

  it("keeps LRO failures apart from request faults", () => {
    const faults = new FaultRegistry();
    faults.add({ match: { method: "PUT" }, response: { lroStatus: "Failed" }, times: 1 });
    expect(faults.takeRequestFault("PUT", "/x")).toBeUndefined();
    expect(faults.takeLroFault("PUT", "/x")).toEqual({ failed: true });
    expect(faults.takeLroFault("PUT", "/x")).toEqual({ failed: false });
  });

  it("makes the next matching LRO slow, apart from request faults", () => {
    const faults = new FaultRegistry();
    faults.add({ match: { method: "PATCH", pathPattern: "/slow$" }, response: { lroDelayMs: 60_000 }, times: 1 });
    expect(faults.takeRequestFault("PATCH", "/a/slow")).toBeUndefined();
    expect(faults.takeLroFault("PATCH", "/a/other")).toEqual({ failed: false });
    expect(faults.takeLroFault("PATCH", "/a/slow")).toEqual({ failed: false, delayMs: 60_000 });
    expect(faults.takeLroFault("PATCH", "/a/slow")).toEqual({ failed: false });
  });

  it("rejects rules that are not one of the documented shapes", () => {
    const faults = new FaultRegistry();
    expect(() => faults.add({ response: { status: 42 } })).toThrow();
    expect(() => faults.add({ match: { pathPattern: "[" }, response: { drop: true } })).toThrow();
    expect(() => faults.add({ response: { lroStatus: "Succeeded" } } as never)).toThrow();
  });
});
