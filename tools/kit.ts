// `npm run kit -- …`: the connection kit writer (tools/kit/connectionKit.ts) as its own command.
import { KitUsageError, runKit } from "./kit/connectionKit.js";

runKit(process.argv.slice(2), process.env).then((summary) => process.stdout.write(summary), (error: Error) => {
  process.stderr.write(`kit: ${error.message.split("\n")[0]}\n`);
  process.exitCode = error instanceof KitUsageError ? 2 : 1;
});
