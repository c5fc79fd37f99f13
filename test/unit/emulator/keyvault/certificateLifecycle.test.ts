import { describe, expect, it } from "vitest";
import { createAndMerge, testVault, unknownIssuerPolicy, VAULT } from "./harness.js";

const selfPolicy = { key_props: { kty: "EC", crv: "P-256" }, x509_props: { subject: "CN=c" }, issuer: { name: "Self" } };

describe("PATCH /certificates/{n}/{v}", () => {
  it("replaces the whole tag set and sets enabled, on that version only", async () => {
    const vault = testVault();
    const v1 = (await createAndMerge(vault, "c1", unknownIssuerPolicy(), { stage: "current", owner: "ops" })).json;
    const v2 = (await createAndMerge(vault, "c1", unknownIssuerPolicy(), { stage: "pending" })).json;
    const v1Id = v1.id.split("/").at(-1);
    vault.clock.now += 5000;
    const reply = await vault.call("PATCH", `/certificates/c1/${v1Id}`, { tags: { stage: "previous" }, attributes: { enabled: false } });

    expect(reply.status).toBe(200);
    expect(reply.json.tags).toEqual({ stage: "previous" });
    expect(reply.json.attributes.enabled).toBe(false);
    expect(reply.json.attributes.updated).toBe(v1.attributes.updated + 5);
    expect(reply.json).not.toHaveProperty("policy");
    expect((await vault.call("GET", "/certificates/c1")).json.tags).toEqual(v2.tags);
  });

  it("updates the latest version when the version is empty (PATCH /certificates/{n}/)", async () => {
    const vault = testVault();
    await createAndMerge(vault, "c1", unknownIssuerPolicy(), { stage: "pending" });
    const reply = await vault.call("PATCH", "/certificates/c1/", { tags: { stage: "current" } });

    expect(reply.json.tags).toEqual({ stage: "current" });
    expect(reply.json.policy.id).toBe(`${VAULT}/certificates/c1/policy`);
  });
});

describe("GET /certificates/{n}/versions", () => {
  it("pages with maxresults and sends an absolute nextLink only while more pages exist", async () => {
    const vault = testVault();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      await vault.call("POST", "/certificates/c1/create", { policy: selfPolicy, tags: { n: String(i) } });
      ids.push((await vault.call("GET", "/certificates/c1")).json.id);
    }
    const seen: string[] = [];
    let next: string | undefined = "/certificates/c1/versions?maxresults=2";
    let pages = 0;
    while (next) {
      const page = await vault.call("GET", next.replace(VAULT, ""));
      seen.push(...page.json.value.map((item: { id: string }) => item.id));
      next = page.json.nextLink;
      if (next) expect(next).toMatch(new RegExp(`^${VAULT}/certificates/c1/versions\\?api-version=2025-07-01&`));
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it("lists items with versioned ids, x5t, attributes and tags; GET /certificates names certificates without versions", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/c1/create", { policy: selfPolicy, tags: { stage: "current" } });
    const versions = await vault.call("GET", "/certificates/c1/versions");
    const list = await vault.call("GET", "/certificates");

    expect(versions.json).toEqual({ value: [{ id: expect.stringMatching(/\/certificates\/c1\/[0-9a-f]{32}$/), x5t: expect.any(String), attributes: expect.objectContaining({ enabled: true }), tags: { stage: "current" } }] });
    expect(list.json.value.map((item: { id: string }) => item.id)).toEqual([`${VAULT}/certificates/c1`]);
  });

  it("rejects maxresults above 25 with 400", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/c1/create", { policy: selfPolicy });
    expect((await vault.call("GET", "/certificates/c1/versions?maxresults=26")).status).toBe(400);
  });
});

describe("soft delete, recover, purge (§5.9)", () => {
  it("returns the deleted bundle and locks the name until recovered", async () => {
    const vault = testVault();
    await createAndMerge(vault, "c1");
    const deleted = await vault.call("DELETE", "/certificates/c1");
    const now = Math.floor(vault.clock.now / 1000);

    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ recoveryId: `${VAULT}/deletedcertificates/c1`, deletedDate: now, scheduledPurgeDate: now + 90 * 86400 });
    expect(deleted.json.policy.id).toBe(`${VAULT}/certificates/c1/policy`);
    expect((await vault.call("GET", "/certificates/c1")).status).toBe(404);
    expect((await vault.call("GET", "/deletedcertificates/c1")).json.recoveryId).toBe(`${VAULT}/deletedcertificates/c1`);

    const reuse = await vault.call("POST", "/certificates/c1/create", { policy: unknownIssuerPolicy() });
    expect(reuse.status).toBe(409);
    expect(reuse.json.error).toEqual({
      code: "Conflict",
      message: "Certificate c1 is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the certificate can only be recovered or purged.",
      innererror: { code: "ObjectIsDeletedButRecoverable" },
    });

    const recovered = await vault.call("POST", "/deletedcertificates/c1/recover");
    expect(recovered.status).toBe(200);
    expect(recovered.json.id).toBe(deleted.json.id);
    expect((await vault.call("GET", "/certificates/c1")).status).toBe(200);
  });

  it("deletes the certificate's key and secret with it", async () => {
    const vault = testVault();
    await createAndMerge(vault, "c1");
    await vault.call("DELETE", "/certificates/c1");

    expect((await vault.call("GET", "/keys/c1")).json.error.code).toBe("KeyNotFound");
    expect((await vault.call("GET", "/secrets/c1")).json.error.code).toBe("SecretNotFound");
  });

  it("frees the name after a purge (204) or once the scheduled purge date has passed", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/c1/create", { policy: selfPolicy });
    await vault.call("POST", "/certificates/c2/create", { policy: selfPolicy });
    await vault.call("DELETE", "/certificates/c1");
    await vault.call("DELETE", "/certificates/c2");

    const purge = await vault.call("DELETE", "/deletedcertificates/c1");
    expect(purge.status).toBe(204);
    expect(purge.body).toBeUndefined();
    expect((await vault.call("GET", "/deletedcertificates/c1")).status).toBe(404);
    expect((await vault.call("POST", "/certificates/c1/create", { policy: selfPolicy })).status).toBe(202);

    vault.clock.now += 90 * 86400e3;
    expect((await vault.call("GET", "/deletedcertificates/c2")).status).toBe(404);
    expect((await vault.call("POST", "/certificates/c2/create", { policy: selfPolicy })).status).toBe(202);
  });
});

describe("pending operation management", () => {
  it("cancels an inProgress operation, and 400s a cancel when nothing is in progress", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/c1/create", { policy: unknownIssuerPolicy() });
    const cancelled = await vault.call("PATCH", "/certificates/c1/pending", { cancellation_requested: true });

    expect(cancelled.json).toMatchObject({ cancellation_requested: true, status: "cancelled" });
    expect((await vault.call("PATCH", "/certificates/c1/pending", { cancellation_requested: true })).status).toBe(400);
    expect((await vault.call("POST", "/certificates/c1/create", { policy: unknownIssuerPolicy() })).status).toBe(202);
  });

  it("deleting the operation of a never-merged certificate removes the certificate", async () => {
    const vault = testVault();
    await vault.call("POST", "/certificates/c1/create", { policy: unknownIssuerPolicy() });
    const deleted = await vault.call("DELETE", "/certificates/c1/pending");

    expect(deleted.status).toBe(200);
    expect(deleted.json.status).toBe("inProgress");
    expect((await vault.call("GET", "/certificates/c1/pending")).json.error.code).toBe("CertificateNotFound");
    expect((await vault.call("GET", "/certificates/c1")).status).toBe(404);
  });
});
