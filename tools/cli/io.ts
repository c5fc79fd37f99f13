// What the CLI needs from its surroundings, passed in so tests run it in-process on a virtual clock: its output,
// the time, and the pause between two polls of `watch` (a timer in a terminal, an advance of virtual time in tests).
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  now(): number;
  wait(ms: number): Promise<void>;
}

/** A mistake in the command line: one line on stderr and exit code 2. */
export class UsageError extends Error {}

export const terminalIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  now: () => Date.now(),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** "in 4 s", "in 2 h 5 min", "6 d 23 h ago". */
export function humanDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const parts = s >= 86_400 ? [`${Math.floor(s / 86_400)} d`, `${Math.floor((s % 86_400) / 3600)} h`]
    : s >= 3600 ? [`${Math.floor(s / 3600)} h`, `${Math.floor((s % 3600) / 60)} min`]
      : s >= 60 ? [`${Math.floor(s / 60)} min`, `${s % 60} s`] : [`${s} s`];
  const text = parts.filter((p) => !p.startsWith("0 ")).join(" ") || "0 s";
  return ms >= 0 ? `in ${text}` : `${text} ago`;
}
