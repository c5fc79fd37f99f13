import { defineConfig } from "vitest/config";

// The fault matrix (npm run test:faults): each saga's file runs its cells one after another in one world; the two
// files run side by side. Its setup shortens only the Azure SDKs' own real-time retry back-off (fastSdkRetries.ts).
export default defineConfig({
  test: {
    name: "faults",
    include: ["test/faults/**/*.test.ts"],
    pool: "forks",
    testTimeout: 900_000,
    hookTimeout: 120_000,
    setupFiles: ["test/faults/support/fastSdkRetries.ts"],
  },
});
