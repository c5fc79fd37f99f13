// `cassandra-vpn` (package.json "bin"; `npx cassandra-vpn …` in the repository): the operator's commands over the
// app's HTTP API, reading APP_URL and APP_FUNCTION_KEY. --help everywhere; a bad argument is one line and exit 2.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { KitUsageError, runKit } from "../kit/connectionKit.js";
import { approve, certs, provision, rotate, status, stop } from "./commands.js";
import { apiFrom } from "./http.js";
import { UsageError, type CliIo } from "./io.js";
import { watch } from "./watch.js";

type Options = NonNullable<ParseArgsConfig["options"]>;
interface Command { usage: string; about: string; options: Options; positionals: number }

const help = { help: { type: "boolean", short: "h" } } as const;
/** The cluster's subscription: the routes' ARM-shaped form; without it the app's AZURE_SUBSCRIPTION_ID. */
const subscription = { subscription: { type: "string" } } as const;
const COMMANDS: Record<string, Command> = {
  provision: { usage: "provision --file REQUEST.json [--watch]", about: "start a provisioning (the body of POST /api/provisionings)", positionals: 0,
    options: { ...help, file: { type: "string" }, watch: { type: "boolean" } } },
  status: { usage: "status ID [--json]", about: "a provisioning's or rotation's status and steps", positionals: 1, options: { ...help, json: { type: "boolean" } } },
  watch: { usage: "watch ID [--interval SECONDS]", about: "follow an instance step by step until it ends (exit 0: completed)", positionals: 1,
    options: { ...help, interval: { type: "string" } } },
  stop: { usage: "stop ID [--compensate]", about: "stop a running provisioning; --compensate also undoes what it created", positionals: 1,
    options: { ...help, compensate: { type: "boolean" } } },
  rotate: { usage: "rotate RESOURCE_GROUP/CLUSTER [--subscription GUID] [--scope client|ca] [--client NAME]... [--reason TEXT]", about: "rotate a cluster's certificates now",
    positionals: 1, options: { ...help, ...subscription, scope: { type: "string" }, client: { type: "string", multiple: true }, reason: { type: "string" } } },
  certs: { usage: "certs RESOURCE_GROUP/CLUSTER [--subscription GUID]", about: "the cluster's CA and client certificate versions, stages, expiry", positionals: 1,
    options: { ...help, ...subscription } },
  kit: { usage: "kit RESOURCE_GROUP/CLUSTER [--subscription GUID] [--client NAME] [--out DIR] [--vault URL] [--local]", about: "write the connection kit (with client.key from Key Vault)",
    positionals: 1, options: { ...help, ...subscription, client: { type: "string" }, out: { type: "string" }, vault: { type: "string" }, local: { type: "boolean" } } },
  approve: { usage: "approve RESOURCE_GROUP/ENDPOINT [--reject]", about: "approve a private endpoint in the local emulator (npm start) only", positionals: 1,
    options: { ...help, reject: { type: "boolean" } } },
};

const USAGE = [
  "usage: cassandra-vpn COMMAND [ARGS] (--help for a command's own)",
  "",
  ...Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(86)} ${c.about}`),
  "",
  "env: APP_URL (default http://127.0.0.1:$PORT, PORT 7071), APP_FUNCTION_KEY (sent as x-functions-key), STATE_DIR (approve, kit; default .local)",
].join("\n");

function parse(command: Command, args: string[]) {
  try {
    const parsed = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
    if (!parsed.values.help && parsed.positionals.length !== command.positionals) {
      throw new UsageError(command.positionals ? `expected ${command.usage.split(" ")[1]}` : `takes no ${parsed.positionals[0]}`);
    }
    return parsed;
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message.split(". ")[0]!.replace(/\.$/, ""));
  }
}

async function run(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
  const { values, positionals } = parse(command, args);
  if (values.help) {
    io.out(`usage: cassandra-vpn ${command.usage}\n  ${command.about}`);
    return 0;
  }
  const api = apiFrom(env);
  const [target] = positionals as [string];
  switch (name) {
    case "provision": {
      if (typeof values.file !== "string") throw new UsageError("provision needs --file REQUEST.json");
      const started = await provision(api, io, values.file);
      return started.id && values.watch ? watch(api, io, started.id, 2_000) : started.code;
    }
    case "status": return status(api, io, target, values.json === true);
    case "watch": {
      const interval = values.interval === undefined ? 2 : Number(values.interval);
      if (!Number.isFinite(interval) || interval <= 0) throw new UsageError("--interval must be a positive number of seconds");
      return watch(api, io, target, interval * 1000);
    }
    case "stop": return stop(api, io, target, values.compensate === true);
    case "rotate": {
      if (values.scope !== undefined && values.scope !== "client" && values.scope !== "ca") throw new UsageError("--scope must be client or ca");
      return rotate(api, io, target, { ...(values.scope ? { scope: values.scope as string } : {}),
        ...(values.client ? { clients: values.client as string[] } : {}), ...(values.reason ? { reason: values.reason as string } : {}) }, subscriptionOf(values));
    }
    case "certs": return certs(api, io, target, subscriptionOf(values));
    case "kit": {
      const flags = ["subscription", "client", "out", "vault"].flatMap((k) => (typeof values[k] === "string" ? [`--${k}`, values[k] as string] : []));
      io.out((await runKit(["--cluster", target, ...flags, ...(values.local ? ["--local"] : [])], env)).trimEnd());
      return 0;
    }
    default: return approve(io, env, target, values.reject ? "Rejected" : "Approved");
  }
}

const subscriptionOf = (values: Record<string, unknown>) => (typeof values.subscription === "string" ? values.subscription : undefined);

/** Runs one command line; the exit code: 0 done, 1 failed (the app or the emulator said no), 2 bad arguments. */
export async function main(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  try {
    return await run(argv, env, io);
  } catch (error) {
    const usage = error instanceof UsageError || error instanceof KitUsageError;
    const command = COMMANDS[argv[0] ?? ""] ? ` ${argv[0]}` : "";
    io.err(`cassandra-vpn: ${(error as Error).message.split("\n")[0]}${usage ? ` (cassandra-vpn${command} --help)` : ""}`);
    return usage ? 2 : 1;
  }
}
