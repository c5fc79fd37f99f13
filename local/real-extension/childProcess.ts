// The tier's child processes (Azurite, the .NET host): started by id, watched for a readiness line, and
// always stopped by their own pid — never by name (other engineers run the same programs on this machine).
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface Child {
  readonly pid: number;
  /** The last lines it printed (stdout and stderr), for failure messages. */
  tail(): string;
  /** Resolves with the first stdout line (recent ones included) matching `pattern`, or rejects when the process exits first. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: a crashed process. */
  kill(): Promise<void>;
  readonly exited: Promise<number | null>;
}

const TAIL_LINES = 60;

export interface ChildOptions extends SpawnOptions {
  /** Copy its lines to our stderr. */
  echo?: boolean;
  /** Lines to drop (neither echoed nor kept), e.g. the extension's own telemetry stream. */
  ignore?: RegExp;
}

export function startChild(name: string, command: string, args: string[], options: ChildOptions): Child {
  const { echo: _echo, ignore: _ignore, ...spawnOptions } = options;
  const proc: ChildProcess = spawn(command, args, { ...spawnOptions, stdio: ["pipe", "pipe", "pipe"] });
  if (proc.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const lines: string[] = [];
  const stdoutLines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const collect = (stream: NodeJS.ReadableStream | null, isStdout: boolean) => {
    let partial = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) {
        if (options.ignore?.test(line)) continue;
        lines.push(line);
        if (lines.length > TAIL_LINES) lines.shift();
        if (options.echo) process.stderr.write(`[${name}] ${line}\n`);
        if (!isStdout) continue;
        stdoutLines.push(line);
        if (stdoutLines.length > TAIL_LINES) stdoutLines.shift();
        for (const listener of listeners) listener(line);
      }
    });
  };
  collect(proc.stdout, true);
  collect(proc.stderr, false);
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));

  return {
    pid: proc.pid,
    exited,
    tail: () => lines.join("\n"),
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`${name}: no line matching ${pattern} within ${timeoutMs} ms.\n${lines.join("\n")}`)), timeoutMs);
        const onLine = (line: string) => {
          const match = line.match(pattern);
          if (match) finish(undefined, match);
        };
        const finish = (error?: Error, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          listeners.delete(onLine);
          if (error) reject(error);
          else resolve(match!);
        };
        listeners.add(onLine);
        for (const line of stdoutLines) onLine(line);
        void exited.then((code) => finish(new Error(`${name} exited (${code}) before it was ready.\n${lines.join("\n")}`)));
      });
    },
    async stop(graceMs = 10_000) {
      if (gone) return;
      proc.stdin?.end();
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (gone) return;
      proc.kill("SIGKILL");
      await exited;
    },
  };
}
