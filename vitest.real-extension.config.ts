// The real-extension tier (`npm run test:real-extension`, docs/real-extension.md): real clocks, child
// processes (Azurite, the .NET host), one file at a time so two hosts never compete for the 2 cores or
// the extension's preferred listener port 17071.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/real-extension/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
