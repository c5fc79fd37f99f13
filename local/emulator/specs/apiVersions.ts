// The api-version of a request: one Azure offers for the resource type (offeredApiVersions.json, with sources), and
// the vendored spec version it is validated against (the exact one, else the nearest in the offered order).
import fs from "node:fs";
import type { RequestProblem } from "./handValidated.js";

interface OfferedEntry {
  versions?: string[];
  sameAs?: string;
  from?: string;
}

const OFFERED = JSON.parse(fs.readFileSync(new URL("./offeredApiVersions.json", import.meta.url), "utf8")) as Record<string, OfferedEntry>;

/** Oldest first; `undefined` for a key the data does not hold. */
export function offeredVersions(key: string): readonly string[] | undefined {
  const entry = OFFERED[key];
  if (!entry || typeof entry !== "object") return undefined;
  const versions = entry.sameAs ? (offeredVersions(entry.sameAs) ?? []) : (entry.versions ?? []);
  return entry.from ? versions.slice(Math.max(0, versions.indexOf(entry.from))) : versions;
}

/** `{namespace}/{type}` of an ARM template, e.g. `Microsoft.DocumentDB` + `cassandraClusters/dataCenters`. */
export function armResourceType(template: string): { namespace: string; type: string } | undefined {
  const match = /\/providers\/([^/{}]+)\/(.+)$/i.exec(template);
  if (!match) return undefined;
  const types = (match[2] ?? "").split("/").filter((segment, i) => i % 2 === 0 && !segment.startsWith("{"));
  return { namespace: match[1] ?? "", type: types.join("/") };
}

/** The offered-list key of a spec operation: `keyvault`, or the namespace and top-level type of an ARM path. */
export function versionKeyOf(service: "arm" | "keyvault", template: string): string | undefined {
  if (service === "keyvault") return "keyvault";
  const resourceType = armResourceType(template);
  return resourceType && `${resourceType.namespace}/${resourceType.type.split("/")[0]}`;
}

/** The vendored version to validate `requested` against: itself, else the nearest in the offered order (ties: newer). */
export function pickVersion(requested: string | null, vendored: readonly string[], offered: readonly string[] | undefined): string {
  const newest = [...vendored].sort().at(-1) ?? "";
  if (requested === null) return newest;
  if (vendored.includes(requested)) return requested;
  const order = offered ?? [...vendored, requested].sort();
  const at = order.indexOf(requested);
  if (at < 0) return newest;
  const distance = (v: string) => Math.abs(order.indexOf(v) - at) * 2 - (order.indexOf(v) > at ? 1 : 0);
  return [...vendored].filter((v) => order.includes(v)).sort((a, b) => distance(a) - distance(b))[0] ?? newest;
}

export interface VersionContext {
  service: "arm" | "keyvault";
  key: string;
  /** For ARM's message: `cassandraClusters/dataCenters`, and the region the request addresses. */
  resourceType?: string;
  location?: string;
}

/**
 * What ARM's front door or Key Vault answers before the resource provider sees the request: no api-version, or one
 * not offered for the type. ARM answers resource-provider types with NoRegisteredProviderFound and its own
 * (Microsoft.Resources) with InvalidApiVersionParameter (messages as in azure-cli #28496 and ansible-collections/azure
 * #1739; the "supported locations" sentence is left out); Key Vault with BadParameter (azure-sdk-for-python #28595).
 */
export function apiVersionProblems(requested: string | null, context: VersionContext): RequestProblem[] {
  if (!requested) {
    return [{ where: "query", frontdoor: true, code: context.service === "arm" ? "MissingApiVersionParameter" : "BadParameter",
      message: "The api-version query parameter (?api-version=) is required for all requests." }];
  }
  const offered = offeredVersions(context.key);
  if (!offered || offered.includes(requested)) return [];
  if (context.service === "keyvault") {
    return [{ where: "query", frontdoor: true, code: "BadParameter",
      message: `The specified version (${requested}) is not recognized. Consider using the latest supported version (${offered.at(-1)}).` }];
  }
  if (!context.key.includes("/")) {
    return [{ where: "query", frontdoor: true, code: "InvalidApiVersionParameter",
      message: `The api-version '${requested}' is invalid. The supported versions are '${[...offered].reverse().join(",")}'.` }];
  }
  return [{ where: "query", frontdoor: true, code: "NoRegisteredProviderFound",
    message: `No registered resource provider found for location '${context.location ?? "global"}' and API version '${requested}' for type `
      + `'${context.resourceType ?? context.key.split("/")[1]}'. The supported api-versions are '${offered.join(", ")}'.` }];
}
