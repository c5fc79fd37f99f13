// `npm start` as a user runs it (node --import tsx local/start.ts, or npm itself): started in a child process on
// a state dir of the test's, read through its stdout JSON line and stderr, stopped with SIGINT and awaited.
import { spawn, type ChildProcess } from "node:child_process";

export interface Started {
  child: ChildProcess;
  ready: Record<string, any>;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stderr holds `text` (the child writes it asynchronously). */
  stderrHas: (text: string) => Promise<void>;
}

export interface Exited { code: number | null; stdout: string; stderr: string }

const command = (args: string[]) => [process.execPath, ["--import", "tsx", "local/start.ts", ...args]] as const;

/** Runs start to its end (for the cases that must stop before anything starts). */
export function runToExit(args: string[], env: Record<string, string>, via: "node" | "npm" = "node"): Promise<Exited> {
  const [file, argv] = via === "npm" ? ["npm", ["start", "--silent", ...args]] as const : command(args);
  const child = spawn(file, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

export function start(env: Record<string, string>, args: string[] = ["--no-demo"]): Promise<Started> {
  const [file, argv] = command(args);
  const child = spawn(file, argv, { env: { ...process.env, PORT: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const waiters: Array<() => void> = [];
  const stderrHas = (text: string) => new Promise<void>((resolve, reject) => {
    const check = () => {
      if (err.includes(text)) resolve();
      else if (child.exitCode !== null) reject(new Error(`npm start exited before printing ${text}:\n${err}`));
      else waiters.push(check);
    };
    check();
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve({ child, ready: JSON.parse(line!), stdout: () => out, stderr: () => err, stderrHas });
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      for (const waiter of waiters.splice(0)) waiter();
    });
    child.once("exit", (code) => {
      for (const waiter of waiters.splice(0)) waiter();
      reject(new Error(`npm start exited early with ${code}:\n${err}`));
    });
  });
}

export function stop({ child, stderr }: Started): Promise<string> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(`exit ${child.exitCode}`);
    child.once("exit", (code, signal) => resolve(`exit ${code ?? signal}${code === 0 ? "" : `\n${stderr()}`}`));
    child.kill("SIGINT");
  });
}
