// Azurite (npm `azurite`, pinned in package.json) on loopback with ports the OS picks, in memory: the Azure
// Storage backend of the Durable extension for this tier. --skipApiVersionCheck because newer Storage SDKs
// send service versions Azurite refuses (real-extension.md §4: durabletask-java #291, Azurite #2651); the
// durabletask repo's own CI starts Azurite the same way (eng/templates/test.yml).
import { fileURLToPath } from "node:url";
import { startChild, type Child } from "./childProcess.js";

// Azurite's well-known development account (https://learn.microsoft.com/azure/storage/common/storage-use-azurite).
const ACCOUNT = "devstoreaccount1";
const KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface Azurite {
  connectionString: string;
  child: Child;
  stop(): Promise<void>;
}

export async function startAzurite(options: { echo?: boolean } = {}): Promise<Azurite> {
  const bin = fileURLToPath(import.meta.resolve("azurite/dist/src/azurite.js"));
  const args = ["--silent", "--inMemoryPersistence", "--extentMemoryLimit", "512", "--skipApiVersionCheck", "--disableProductStyleUrl",
    ...["blob", "queue", "table"].flatMap((service) => [`--${service}Host`, "127.0.0.1", `--${service}Port`, "0"])];
  const child = startChild("azurite", process.execPath, [bin, ...args], { echo: options.echo ?? false, env: { ...process.env } });
  const ports: Record<string, string> = {};
  try {
    for (const service of ["Blob", "Queue", "Table"]) {
      const match = await child.waitFor(new RegExp(`Azurite ${service} service is successfully listening at http://127\\.0\\.0\\.1:(\\d+)`), 30_000);
      ports[service] = match[1]!;
    }
  } catch (error) {
    await child.stop();
    throw error;
  }
  const endpoint = (service: string) => `${service}Endpoint=http://127.0.0.1:${ports[service]}/${ACCOUNT};`;
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};${endpoint("Blob")}${endpoint("Queue")}${endpoint("Table")}`,
    child,
    stop: () => child.stop(),
  };
}
