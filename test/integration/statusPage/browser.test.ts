// The status page as an operator sees it, in headless Chromium with JavaScript off (Debian's `chromium`, driven by
// playwright-core): the demo cluster with its CA and client certificates and days to expiry, a provisioning waiting
// for approval with its next check, and a rejected one with its failure and compensation. The screenshot in
// docs/status-page.png is this page (UPDATE_SCREENSHOT=1 rewrites it). Skips loudly without /usr/bin/chromium
// (.ci/run installs it).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorld, type LocalWorld } from "../../support/localWorld.js";
import { decideEndpoint, requestFor, startProvisioning, untilEnded, untilWaitingForApproval } from "../../support/provisioningScenario.js";
import { provisionCluster } from "../../support/rotationScenario.js";
import { caNameOf, LOCAL_SUBSCRIPTION_ID } from "../../support/testIds.js";

const CHROMIUM = "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
if (!present) console.warn(`\n*** SKIPPED the status page browser test: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does) ***\n`);

let world: LocalWorld;
let browser: Browser;
const scratch = mkdtempSync(join(tmpdir(), "status-page-"));

beforeAll(async () => {
  if (!present) return;
  world = await startLocalWorld();
  await provisionCluster(world, "cass-demo", "10.20.3.10");
  await startProvisioning(world, requestFor("cass-rejected", "10.20.3.31"));
  await untilWaitingForApproval(world, "cass-rejected");
  decideEndpoint(world, "cass-rejected", "Rejected", "not an approved subscription");
  await untilEnded(world, "cass-rejected");
  await startProvisioning(world, requestFor("cass-waiting", "10.20.3.30"));
  await untilWaitingForApproval(world, "cass-waiting");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await world?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(!present)("the status page in Chromium", () => {
  it("is HTML the management-URL scan passes, behind the app's own route", async () => {
    const res = await world.api("GET", "/api/ui");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.body).not.toMatch(/<script/i);
    expect((await world.api("GET", "/api/openapi.json")).body.openapi).toBe("3.1.0");
  });

  it("shows the demo cluster, a waiting provisioning and a failed one with its compensation, without JavaScript", async () => {
    const page = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${world.origin()}/api/ui`);
    expect(await page.title()).toBe("Cassandra VPN automation — status");

    const cluster = page.locator('section.cluster[data-cluster="cass-demo-rg/cass-demo"]');
    const rows = await cluster.locator("tbody tr").allInnerTexts();
    expect(rows.some((r) => new RegExp(`^CA\t${caNameOf("cass-demo")}\t.*\tcurrent\t.*\t(18\\d\\d|17\\d\\d)$`).test(r)), rows.join("\n")).toBe(true);
    expect(rows.some((r) => /^client\tapp\t.*\tcurrent\t.*\t(36\d|35\d)$/.test(r)), rows.join("\n")).toBe(true);
    expect(await cluster.innerText()).toMatch(/Last rotation: Completed \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ .* · Next rotation: check at \d{4}-/);
    // A cluster whose provisioning runs gets its first certificates from it, not from a rotation "due now".
    expect(await page.locator('section.cluster[data-cluster="cass-demo-rg/cass-waiting"]').innerText())
      .toContain("Next rotation: after the provisioning, which issues the first certificates");
    expect(await cluster.locator("a", { hasText: "JSON" }).getAttribute("href")).toBe(`/api/subscriptions/${LOCAL_SUBSCRIPTION_ID}/resourceGroups/cass-demo-rg/clusters/cass-demo/certificates`);

    const waiting = page.locator("section.provisioning", { hasText: "cass-demo-rg/cass-waiting" });
    expect(await waiting.locator("h3").innerText()).toBe("cass-demo-rg/cass-waiting — Running, step awaitApproval");
    expect(await waiting.innerText()).toMatch(/Waiting on approval of cass-waiting-pe since .*, next check at .*, deadline .* \(next check in (\d+ min|< 1 min)\)/);
    expect(await waiting.locator("ol li").allInnerTexts()).toEqual([
      expect.stringMatching(/^preflight /), expect.stringMatching(/^createCluster /), expect.stringMatching(/^createPrivateEndpoint /),
      expect.stringMatching(/^awaitApproval .*\(now\)$/),
    ]);

    const failed = page.locator("section.provisioning", { hasText: "cass-demo-rg/cass-rejected" });
    expect(await failed.locator("h3").innerText()).toBe("cass-demo-rg/cass-rejected — Failed, step failed");
    const text = await failed.innerText();
    expect(text).toMatch(/Failed at awaitApproval: .*Rejected/);
    expect(await failed.locator("ul li").allInnerTexts()).toEqual(expect.arrayContaining([
      "delete private endpoint cass-rejected-pe: deleted", "delete cluster cass-rejected: deleted",
    ]));

    const shot = process.env.UPDATE_SCREENSHOT ? join("docs", "status-page.png") : join(scratch, "status-page.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
    expect(readFileSync(join("docs", "status-page.png")).subarray(1, 4).toString()).toBe("PNG");
  });
});
