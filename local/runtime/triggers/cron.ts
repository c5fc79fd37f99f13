// Timer trigger schedules as the Functions host reads them: NCRONTAB with six fields, seconds first
// ({second} {minute} {hour} {day} {month} {day-of-week}), or a TimeSpan ("hh:mm:ss", "d.hh:mm:ss").
// Like NCrontab, day-of-month AND day-of-week must both match. Evaluated in UTC (WEBSITE_TIME_ZONE is not honoured).

export interface Schedule {
  expression: string;
  /** First occurrence strictly after `afterMs`. */
  next(afterMs: number): number;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldSpec {
  min: number;
  max: number;
  names?: string[];
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { min: 0, max: 6, names: DAYS, nameBase: 0 },
];

function parseValue(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase().slice(0, 3)) ?? -1;
  const value = named >= 0 && /^[a-z]/i.test(text) ? named + (spec.nameBase ?? 0) : Number(text);
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) throw new Error(`'${text}' is out of range ${spec.min}-${spec.max}`);
  return value;
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const [range = "", stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad step in '${item}'`);
    let [from, to] = [spec.min, spec.max];
    if (range !== "*") {
      const [a = "", b] = range.split("-");
      from = parseValue(a, spec);
      to = b !== undefined ? parseValue(b, spec) : stepText !== undefined ? spec.max : from;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

type SixFields = [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];

function cronSchedule(expression: string): Schedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 6) throw new Error(`NCRONTAB '${expression}' must have 6 fields (seconds first), found ${parts.length}`);
  const [seconds, minutes, hours, days, months, weekdays] = parts.map((p, i) => parseField(p, FIELDS[i]!)) as SixFields;
  return {
    expression,
    next(afterMs) {
      const t = new Date(Math.floor(afterMs / 1000) * 1000 + 1000);
      const limit = afterMs + 8 * 366 * 86_400_000;
      while (t.getTime() <= limit) {
        if (!months.has(t.getUTCMonth() + 1)) {
          t.setUTCMonth(t.getUTCMonth() + 1, 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!days.has(t.getUTCDate()) || !weekdays.has(t.getUTCDay())) {
          t.setUTCDate(t.getUTCDate() + 1);
          t.setUTCHours(0, 0, 0, 0);
        } else if (!hours.has(t.getUTCHours())) {
          t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
        } else if (!minutes.has(t.getUTCMinutes())) {
          t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
        } else if (!seconds.has(t.getUTCSeconds())) {
          t.setUTCSeconds(t.getUTCSeconds() + 1, 0);
        } else {
          return t.getTime();
        }
      }
      throw new Error(`NCRONTAB '${expression}' has no occurrence within 8 years`);
    },
  };
}

function timeSpanSchedule(expression: string): Schedule | undefined {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(expression.trim());
  if (!match) return undefined;
  const [, d = "0", h = "0", m = "0", s = "0"] = match;
  const interval = ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000;
  if (interval <= 0) throw new Error(`TimeSpan schedule '${expression}' must be positive`);
  return { expression, next: (afterMs) => afterMs + interval };
}

export function parseSchedule(expression: string): Schedule {
  return timeSpanSchedule(expression) ?? cronSchedule(expression);
}
