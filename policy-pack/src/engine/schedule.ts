/**
 * Evaluates Secrets Manager rotation schedules (`rate(…)`, `cron(…)`, the AWS six-field form) to the
 * longest gap between rotations, in days, by enumerating the next two years of days from `now` —
 * never waved through. The wait before the first rotation and after the last one in the window count
 * as gaps too: a schedule that only fires in one year (`cron(0 0 * * ? 2027)`) is not "daily".
 */
export type ScheduleResult = { maxGapDays: number } | { error: string };

const DAY_NAMES: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const MONTH_NAMES: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };

const WINDOW_DAYS = 800;
const gapCache = new Map<string, ScheduleResult>();

/** Memoised per day: a stack repeats a handful of schedules across thousands of rotations. */
export function maxRotationGapDays(expression: string, now: Date = new Date()): ScheduleResult {
  const key = `${now.toISOString().slice(0, 10)}|${expression}`;
  let hit = gapCache.get(key);
  if (!hit) {
    if (gapCache.size > 1024) gapCache.clear();
    hit = gapDays(expression, now);
    gapCache.set(key, hit);
  }
  return hit;
}

function gapDays(expression: string, now: Date): ScheduleResult {
  const e = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(e);
  if (rate) {
    const n = Number(rate[1]);
    if (n <= 0) return { error: "rate must be positive" };
    const unit = rate[2].toLowerCase();
    return { maxGapDays: unit.startsWith("day") ? n : unit.startsWith("hour") ? n / 24 : n / 1440 };
  }
  const cron = /^cron\((.*)\)$/i.exec(e);
  if (!cron) return { error: "not a rate() or cron() expression" };
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) return { error: "cron() needs six fields: minutes hours day-of-month month day-of-week year" };
  const [, , dom, month, dow, year] = fields.map((f) => f.toUpperCase());
  const monthOk = fieldMatcher(month, 1, 12, MONTH_NAMES);
  const yearOk = fieldMatcher(year, 1970, 2199, {});
  const domOk = dom === "?" ? undefined : domMatcher(dom);
  const dowOk = dow === "?" ? undefined : dowMatcher(dow);
  if (!monthOk || !yearOk || (dom !== "?" && !domOk) || (dow !== "?" && !dowOk)) return { error: "cron() field not understood" };
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days: number[] = [];
  for (let i = 0; i < WINDOW_DAYS; i++) {
    const d = new Date(start + i * 86_400_000);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    if (!monthOk(m) || !yearOk(y)) continue;
    const okDom = domOk ? domOk(d) : true;
    const okDow = dowOk ? dowOk(d) : true;
    if (okDom && okDow) days.push(i);
  }
  if (days.length < 2) return { error: "the schedule fires at most once in the next two years" };
  let max = Math.max(days[0], WINDOW_DAYS - days[days.length - 1]);
  for (let i = 1; i < days.length; i++) max = Math.max(max, days[i] - days[i - 1]);
  return { maxGapDays: max };
}

function fieldMatcher(field: string, min: number, max: number, names: Record<string, number>): ((n: number) => boolean) | undefined {
  if (field === "*" || field === "?") return () => true;
  const allowed = new Set<number>();
  for (const part of field.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    if (!Number.isInteger(step) || step <= 0) return undefined;
    let lo: number;
    let hi: number;
    if (range === "*") {
      lo = min;
      hi = max;
    } else if (range.includes("-")) {
      const [a, b] = range.split("-").map((x) => names[x] ?? Number(x));
      lo = a;
      hi = b;
    } else {
      lo = names[range] ?? Number(range);
      hi = stepText ? max : lo;
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < min || hi > max) return undefined;
    for (let v = lo; v <= hi; v += step) allowed.add(v);
  }
  return (n) => allowed.has(n);
}

function domMatcher(field: string): ((d: Date) => boolean) | undefined {
  const lastDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  if (field === "L") return (d) => d.getUTCDate() === lastDay(d);
  if (/^\d+W$/.test(field)) {
    const n = Number(field.slice(0, -1));
    return (d) => Math.abs(d.getUTCDate() - n) <= 2 && d.getUTCDay() !== 0 && d.getUTCDay() !== 6; // nearest weekday, approximated to the window
  }
  const m = fieldMatcher(field, 1, 31, {});
  return m ? (d) => m(d.getUTCDate()) : undefined;
}

function dowMatcher(field: string): ((d: Date) => boolean) | undefined {
  // AWS numbers days 1 (SUN) – 7 (SAT).
  const hash = /^([A-Z]{3}|\d)#(\d)$/.exec(field);
  if (hash) {
    const day = DAY_NAMES[hash[1]] ?? Number(hash[1]) - 1;
    const nth = Number(hash[2]);
    return (d) => d.getUTCDay() === day && Math.ceil(d.getUTCDate() / 7) === nth;
  }
  const last = /^([A-Z]{3}|\d)L$/.exec(field);
  if (last) {
    const day = DAY_NAMES[last[1]] ?? Number(last[1]) - 1;
    return (d) => d.getUTCDay() === day && d.getUTCDate() + 7 > new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  }
  const names: Record<string, number> = {};
  for (const [k, v] of Object.entries(DAY_NAMES)) names[k] = v + 1;
  const m = fieldMatcher(field, 1, 7, names);
  return m ? (d) => m(d.getUTCDay() + 1) : undefined;
}
