import { configDefaults, defineConfig } from "vitest/config";

// The real-extension tier needs .NET and real time: its own script (vitest.real-extension.config.ts).
// Integration tests start HTTPS servers on loopback; forks keep each file's servers in its own process.
const common = { pool: "forks", testTimeout: 30_000, hookTimeout: 30_000 } as const;

export default defineConfig({
  test: {
    globalSetup: ["test/support/audit/globalSetup.ts"],
    projects: [
      {
        test: {
          ...common, name: "app", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/audit/**", "test/faults/**", "test/real-extension/**"],
          setupFiles: ["test/support/audit/recordRequests.ts"],
        },
      },
      // The audit reads what the app project's suites recorded, so it runs after all of them.
      { test: { ...common, name: "audit", include: ["test/audit/**/*.test.ts"], sequence: { groupOrder: 1 } } },
    ],
  },
});
