#!/usr/bin/env node
// The `cassandra-vpn` command (package.json "bin"): loads the TypeScript CLI through tsx, the repository's own
// TypeScript loader, so `npx cassandra-vpn` runs the source as `npm start` and `npm run kit` do.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("../tools/cli/main.ts", import.meta.url);
const { terminalIo } = await tsImport("../tools/cli/io.ts", import.meta.url);
process.exitCode = await main(process.argv.slice(2), process.env, terminalIo);
