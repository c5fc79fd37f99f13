import { describe, expect, it } from "vitest";
import { compileRoute, comparePrecedence, matchRoute } from "../../local/runtime/http/routeTemplate.js";

const match = (template: string, path: string) => matchRoute(compileRoute(template), path.split("/").filter(Boolean));

describe("HTTP route templates", () => {
  it("matches literals case-insensitively and binds parameters", () => {
    expect(match("Orders/{id}", "orders/42")).toEqual({ id: "42" });
    expect(match("orders/{id}", "orders")).toBeUndefined();
    expect(match("orders/{id}", "orders/42/extra")).toBeUndefined();
  });

  it("supports optional, catch-all and constrained parameters", () => {
    expect(match("orchestrators/{name}/{id?}", "orchestrators/Flow")).toEqual({ name: "Flow" });
    expect(match("orchestrators/{name}/{id?}", "orchestrators/Flow/abc")).toEqual({ name: "Flow", id: "abc" });
    expect(match("files/{*path}", "files/a/b")).toEqual({ path: "a/b" });
    expect(match("files/{*path}", "files")).toEqual({});
    expect(match("items/{id:int}", "items/7")).toEqual({ id: "7" });
    expect(match("items/{id:int}", "items/seven")).toBeUndefined();
  });

  it("orders literal before constrained before plain before optional before catch-all", () => {
    const templates = ["a/{*rest}", "a/{x?}", "a/{x}", "a/{x:int}", "a/b"];
    const sorted = templates.map(compileRoute).sort(comparePrecedence).map((r) => r.template);
    expect(sorted).toEqual(["a/b", "a/{x:int}", "a/{x}", "a/{x?}", "a/{*rest}"]);
  });
});
