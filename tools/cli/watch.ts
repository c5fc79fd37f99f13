// `cassandra-vpn watch ID`: follows a provisioning (or rotation) on the app's status route and prints one progress
// line per step as it starts and ends, and, while a step waits, what it waits on with the time to its next check and
// to its deadline. Ends with the instance: exit 0 when it completed, 1 when it failed or was stopped.
import { describeFailure, type Api } from "./http.js";
import { humanDuration, type CliIo } from "./io.js";

// The provisioning saga's steps in order (architecture.md "The two sagas"): a step's place says how far it is.
const PROVISIONING_STEPS = ["preflight", "createCluster", "createPrivateEndpoint", "awaitApproval", "readEndpointIp", "createDatacenter", "awaitNodes", "firstCertificates"];
const ENDED = new Set(["Completed", "Failed", "Terminated"]);

interface Step { step: string; startedAt: string; finishedAt?: string }
interface View { id: string; runtimeStatus: string; progress?: { step?: string; steps?: Step[]; waitingOn?: string; nextCheckAt?: string; failure?: { step: string; reason: string }; compensation?: Array<{ action: string; outcome: string }> }; error?: string }

/** The status route of an id: a provisioning's, else a rotation's. */
export async function findView(api: Api, id: string): Promise<{ path: string; view: View } | undefined> {
  for (const path of [`/api/provisionings/${encodeURIComponent(id)}`, `/api/rotations/${encodeURIComponent(id)}`]) {
    const answer = await api.call("GET", path);
    if (answer.status === 200) return { path, view: answer.body as View };
    if (answer.status !== 404) throw new Error(describeFailure(answer));
  }
  return undefined;
}

const seconds = (from: string, to: string) => humanDuration(new Date(to).getTime() - new Date(from).getTime()).replace(/^in /, "");

function place(step: string, provisioning: boolean): string {
  const index = PROVISIONING_STEPS.indexOf(step);
  return provisioning && index >= 0 ? `[${index + 1}/${PROVISIONING_STEPS.length}]` : "[·]";
}

/** What changed since the last poll, as lines. `seen` remembers what was printed. */
export function progressLines(view: View, seen: Set<string>, now: number, provisioning: boolean): string[] {
  const lines: string[] = [];
  const emit = (key: string, line: string) => {
    if (!seen.has(key)) lines.push(line);
    seen.add(key);
  };
  for (const s of view.progress?.steps ?? []) {
    if (["done", "failed"].includes(s.step)) continue;
    emit(`start ${s.step} ${s.startedAt}`, `${place(s.step, provisioning)} ${s.step} started`);
    if (s.finishedAt) emit(`end ${s.step} ${s.startedAt}`, `${place(s.step, provisioning)} ${s.step} done in ${seconds(s.startedAt, s.finishedAt)}`);
  }
  const waiting = ENDED.has(view.runtimeStatus) ? undefined : view.progress?.waitingOn;
  if (waiting) {
    const deadline = /deadline (\S+?)[,.]?(?:\s|$)/.exec(waiting)?.[1];
    const next = view.progress?.nextCheckAt ?? /next check at (\S+?)[,.]?(?:\s|$)/.exec(waiting)?.[1];
    const until = { next: next && humanDuration(new Date(next).getTime() - now), deadline: deadline && humanDuration(new Date(deadline).getTime() - now) };
    const remaining = [until.next && `next check ${until.next}`, until.deadline && `deadline ${until.deadline}`].filter(Boolean).join(", ");
    // Once per wait, and again whenever the time left to its deadline reads differently (hours, then minutes).
    const subject = waiting.split(" since ")[0];
    emit(`wait ${subject} ${until.deadline ?? ""}`, `    waiting on ${subject}${remaining ? ` (${remaining})` : ""}`);
  }
  return lines;
}

export async function watch(api: Api, io: CliIo, id: string, intervalMs: number): Promise<number> {
  const seen = new Set<string>();
  for (;;) {
    const found = await findView(api, id);
    if (!found) {
      io.err(`cassandra-vpn: no provisioning or rotation with id ${id}`);
      return 1;
    }
    const { view, path } = found;
    for (const line of progressLines(view, seen, io.now(), path.startsWith("/api/provisionings/"))) io.out(line);
    if (ENDED.has(view.runtimeStatus)) {
      const failure = view.progress?.failure;
      if (failure) io.out(`failed at ${failure.step}: ${failure.reason}`);
      for (const c of view.progress?.compensation ?? []) io.out(`    compensation: ${c.action}: ${c.outcome}`);
      io.out(`${view.runtimeStatus}: ${view.id}`);
      return view.runtimeStatus === "Completed" ? 0 : 1;
    }
    await io.wait(intervalMs);
  }
}
