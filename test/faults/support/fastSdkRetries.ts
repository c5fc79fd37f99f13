// Setup of the fault matrix only: the Azure SDKs' own retry back-off (retryPolicy: about 1 s, 2 s and 4 s of *real*
// time before each of its three retries of a 5xx or a dropped connection) is shortened to 1 ms. The virtual clock
// cannot move while an activity waits in it, so without this each persistent 500 would cost ~35 s of wall time.
// The number of attempts, and everything the app, the emulator and the durable runtime do, stay as they are.
const realSetTimeout = globalThis.setTimeout;
const SDK_RETRY = /ts-http-runtime[\\/]dist[\\/][^\\/]+[\\/]policies[\\/]retryPolicy\.js/;

globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const fromSdkRetry = typeof ms === "number" && ms >= 100 && SDK_RETRY.test(new Error().stack ?? "");
  return realSetTimeout(handler, fromSdkRetry ? 1 : ms, ...args);
}) as typeof setTimeout;
