// Instance ids are derived from the cluster's address: they must be injective (two clusters never share an
// instance), within 100 characters, and made of characters the extension accepts (host-and-service.md §5).
import { describe, expect, it } from "vitest";
import { approvalInstanceId, legacyInstanceId, provisioningInstanceId, rotationInstanceId, undoInstanceId } from "../../../src/domain/ids.js";

const sub = "00000000-0000-4000-8000-000000000001";
const ref = (resourceGroup: string, clusterName: string, subscriptionId = sub) => ({ subscriptionId, resourceGroup, clusterName });
const longName = (n: number, c: string) => c.repeat(n);

describe("instance ids", () => {
  it("tell apart resource group a-b with cluster c from resource group a with cluster b-c", () => {
    expect(provisioningInstanceId(ref("a-b", "c"))).not.toBe(provisioningInstanceId(ref("a", "b-c")));
    expect(rotationInstanceId(ref("a-b", "c"))).not.toBe(rotationInstanceId(ref("a", "b-c")));
    expect(approvalInstanceId(sub, "a-b", "c")).not.toBe(approvalInstanceId(sub, "a", "b-c"));
    // The ids before version 2 collided exactly here.
    expect(legacyInstanceId("provision", ref("a-b", "c"))).toBe(legacyInstanceId("provision", ref("a", "b-c")));
  });

  it("keep the readable form when it fits", () => {
    expect(provisioningInstanceId(ref("Cass-RG", "cass-demo"))).toBe(`provision:${sub}:cass-rg:cass-demo`);
    expect(undoInstanceId(provisioningInstanceId(ref("g", "c")))).toBe(`undo:${sub}:g:c`);
  });

  it("stay within 100 allowed characters for maximum-length names, and still differ", () => {
    const a = ref(longName(90, "g"), longName(100, "a"));
    const b = ref(longName(90, "g"), `${longName(99, "a")}b`);
    const ids = [provisioningInstanceId(a), provisioningInstanceId(b), rotationInstanceId(a), undoInstanceId(provisioningInstanceId(a)), approvalInstanceId(sub, a.resourceGroup, longName(80, "p"))];
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(100);
      expect(id).not.toMatch(/[/\\?#\u0000-\u001f\u007f]/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("separate kinds: a cluster's undo is not another cluster's provisioning", () => {
    expect(undoInstanceId(provisioningInstanceId(ref("g", "c")))).not.toBe(provisioningInstanceId(ref("g", "c-undo")));
  });
});
