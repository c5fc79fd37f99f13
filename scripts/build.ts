// Bundles the app for Azure Functions: dist/main.js (package.json "main") plus lazily loaded chunks.
// The Azure SDKs sit behind `import("./adapters/index.js")`, so they stay in a separate chunk that is
// loaded by the first activity, not at cold start (architecture.md "Start-up cost").
import { build } from "esbuild";

export interface BuildOptions {
  sourcemap?: boolean;
  /** Whitespace and syntax only: identifiers keep their names, so stack traces in the logs stay readable. */
  minify?: boolean;
}

export async function buildApp(outdir = "dist", options: BuildOptions = {}): Promise<void> {
  await build({
    entryPoints: ["src/main.ts"],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: options.sourcemap ?? true,
    minifyWhitespace: options.minify ?? false,
    minifySyntax: options.minify ?? false,
    // Provided by the Functions worker at run time, never a package.
    external: ["@azure/functions-core"],
    // Bundled CommonJS packages call require(); give the ESM bundle a real one.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildApp();
