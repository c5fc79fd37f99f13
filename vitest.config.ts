import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The real-extension tier needs .NET and real time: its own script (vitest.real-extension.config.ts).
    exclude: [...configDefaults.exclude, "test/real-extension/**"],
    // Integration tests start HTTPS servers on loopback; forks keep each file's servers in its own process.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
