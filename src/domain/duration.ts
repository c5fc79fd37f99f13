// ISO-8601 durations as the app accepts them: fixed-length units only (weeks, days, hours, minutes,
// seconds). Years and months have no fixed length, so a deadline written with them is ambiguous.
const FIXED_UNITS = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const MS = { week: 604_800_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 };

/** Milliseconds of `text` (e.g. `PT5M`, `P7D`, `P1DT12H`), or undefined when it is not such a duration. */
export function isoDurationToMs(text: string): number | undefined {
  const m = FIXED_UNITS.exec(text);
  if (!m) return undefined;
  const [, w, d, h, min, s] = m;
  const n = (v: string | undefined) => (v === undefined ? 0 : Number(v));
  return Math.round(
    n(w) * MS.week + n(d) * MS.day + n(h) * MS.hour + n(min) * MS.minute + n(s) * MS.second,
  );
}

/** Shortest ISO-8601 form of a millisecond count, for messages and status documents. */
export function msToIsoDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  const days = Math.floor(rest / MS.day);
  rest -= days * MS.day;
  const hours = Math.floor(rest / MS.hour);
  rest -= hours * MS.hour;
  const minutes = Math.floor(rest / MS.minute);
  rest -= minutes * MS.minute;
  const seconds = rest / MS.second;
  const time = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds ? `${seconds}S` : ""}`;
  if (!days && !time) return "PT0S";
  return `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
}
