// What `npm start` checks before it starts anything, so a new user's mistake ends in one line naming the fix
// rather than a stack trace or a silently ignored option: its own options (also the ones npm swallowed because
// they came without `--`), the port, and one run per state directory (a lock file holding the ready line).
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { parseArgs } from "node:util";

/** A start-up problem the user can fix: printed as one line, exit code 2 for usage, 1 otherwise. */
export class StartError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
  }
}

export const START_USAGE = "usage: npm start [-- [--manual-approval] [--no-demo] [--auto-approve-ms N] [--lro-delay-ms N] [--approval-events]]";

const OPTIONS = {
  "no-demo": { type: "boolean", default: false },
  "manual-approval": { type: "boolean", default: false },
  "auto-approve-ms": { type: "string", default: "15000" },
  "lro-delay-ms": { type: "string", default: "3000" },
  // Azure raises no event when Microsoft approves the endpoint (host-and-service.md item 6), so by default neither
  // does the emulator and the app finds the approval by polling; this shows the Event Grid hint path instead.
  "approval-events": { type: "boolean", default: false },
} as const;

export interface StartOptions {
  demo: boolean;
  manualApproval: boolean;
  autoApproveMs: number;
  lroDelayMs: number;
  approvalEvents: boolean;
}

/**
 * npm takes an option before `--` as its own config and hands it to the script only as `npm_config_<name>`
 * (`--no-demo` as npm_config_demo=""), so `npm start --manual-approval` would otherwise run with auto-approval.
 */
function swallowedByNpm(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of Object.keys(OPTIONS)) {
    const positive = name.replace(/^no-/, "");
    for (const key of [`npm_config_${name.replaceAll("-", "_")}`, `npm_config_${positive.replaceAll("-", "_")}`]) {
      if (env[key] !== undefined) return name;
    }
  }
  return undefined;
}

export function parseStartOptions(argv: string[], env: NodeJS.ProcessEnv): StartOptions {
  const swallowed = swallowedByNpm(env);
  if (swallowed) throw new StartError(`npm took --${swallowed} as its own option; pass it after --: npm start -- --${swallowed}`, 2);
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new StartError(`${(error as Error).message.split(".")[0]}. ${START_USAGE}`, 2);
  }
  const ms = (name: "auto-approve-ms" | "lro-delay-ms") => {
    const text = values[name];
    if (!/^\d+$/.test(text)) throw new StartError(`--${name} must be a whole number of milliseconds, got ${JSON.stringify(text)}. ${START_USAGE}`, 2);
    return Number(text);
  };
  return { demo: !values["no-demo"], manualApproval: values["manual-approval"], autoApproveMs: ms("auto-approve-ms"), lroDelayMs: ms("lro-delay-ms"),
    approvalEvents: values["approval-events"] };
}

/** PORT as a number; 0 is resolved to a free port now, because the emulator must know the webhook URL first. */
export async function resolvePort(text: string): Promise<number> {
  if (!/^\d+$/.test(text) || Number(text) > 65_535) throw new StartError(`PORT must be a port number (0 = any free port), got ${JSON.stringify(text)}`, 2);
  const probe = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    probe.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "EADDRINUSE"
      ? new StartError(`port ${text} on 127.0.0.1 is in use (another npm start?): use PORT=0 for any free port, or another PORT`)
      : new StartError(`cannot listen on 127.0.0.1:${text}: ${error.code ?? error.message}`)));
    probe.listen(Number(text), "127.0.0.1", () => resolve((probe.address() as { port: number }).port));
  });
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** `$STATE_DIR/npm-start.json`: the lock of one run (its pid), then also its ready line (read by the CLI's `approve`). */
export const lockFileOf = (stateDir: string) => join(stateDir, "npm-start.json");

export interface StateLock {
  ready(line: Record<string, unknown>): void;
  release(): void;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

export function lockStateDir(stateDir: string): StateLock {
  const path = lockFileOf(stateDir);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o644);
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
      let holder: number | undefined;
      try {
        holder = (JSON.parse(readFileSync(path, "utf8")) as { pid?: number }).pid;
      } catch { /* a torn lock file: its writer died mid-write */ }
      if (holder !== undefined && holder !== process.pid && alive(holder)) {
        throw new StartError(`STATE_DIR ${stateDir} is in use by another npm start (pid ${holder}): stop it, or use another STATE_DIR`);
      }
      rmSync(path, { force: true }); // left by a run that was killed: take it over
    }
  }
  return {
    ready: (line) => writeFileSync(path, JSON.stringify({ pid: process.pid, ...line })),
    release: () => rmSync(path, { force: true }),
  };
}
