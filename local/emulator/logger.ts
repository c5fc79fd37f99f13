// A tiny structured logger: one JSON line per entry on stderr (stdout is reserved for the CLI's ready line).

export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;

export function stderrLogger(minimum: LogLevel = "info"): Logger {
  const order: LogLevel[] = ["debug", "info", "warn", "error"];
  return (level, message, fields = {}) => {
    if (order.indexOf(level) < order.indexOf(minimum)) return;
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  };
}
