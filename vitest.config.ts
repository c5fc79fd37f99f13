import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests start HTTPS servers on loopback; forks keep each file's servers in its own process.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
