import type { Day, Hours, OpeningWindow } from '../content/schema/serviceSchema.js';
import type { Wording } from '../content/schema/wordingSchema.js';

const DAY_ORDER: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NAMES: Record<Day, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

// Services keep UK hours wherever the server runs, including across clock changes.
const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The local date, weekday and minute of the day in Europe/London. */
export function londonTime(now: Date): { date: string; day: Day; minutes: number } {
  const parts: Record<string, string> = {};
  for (const part of londonParts.formatToParts(now)) parts[part.type] = part.value;
  const day = (parts.weekday ?? 'Mon').slice(0, 3).toLowerCase() as Day;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function toMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/**
 * Whether a service is open at `now`, or undefined when that cannot be known (a bank
 * holiday for a service whose bank-holiday hours are not known).
 */
export function isOpenNow(
  hours: Hours,
  now: Date,
  bankHolidays: ReadonlySet<string>,
): boolean | undefined {
  if (hours.value === 'always') return true;
  const local = londonTime(now);
  if (bankHolidays.has(local.date)) {
    if (hours.bankHolidays === 'closed') return false;
    if (hours.bankHolidays === 'unknown') return undefined;
  }
  return hours.value.some(
    (window) =>
      window.days.includes(local.day) &&
      local.minutes >= toMinutes(window.from) &&
      local.minutes < toMinutes(window.to),
  );
}

function clock(time: string): string {
  const minutes = toMinutes(time);
  if (minutes === 0 || minutes === 24 * 60) return 'midnight';
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const suffix = hour < 12 ? 'am' : 'pm';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return minute === 0
    ? `${twelve}${suffix}`
    : `${twelve}:${String(minute).padStart(2, '0')}${suffix}`;
}

function dayRange(days: Day[]): string {
  const sorted = [...days].sort((a, b) => DAY_ORDER.indexOf(a) - DAY_ORDER.indexOf(b));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const contiguous =
    first !== undefined &&
    last !== undefined &&
    DAY_ORDER.indexOf(last) - DAY_ORDER.indexOf(first) === sorted.length - 1;
  if (contiguous && sorted.length > 2) return `${DAY_NAMES[first]}–${DAY_NAMES[last]}`;
  return sorted.map((day) => DAY_NAMES[day]).join(', ');
}

function describeWindow(window: OpeningWindow): string {
  return `${dayRange(window.days)} ${clock(window.from)}–${clock(window.to)}`;
}

/** Opening hours as one short line, with whether the service is open now. */
export function describeHours(
  hours: Hours,
  now: Date,
  bankHolidays: ReadonlySet<string>,
  wording: Wording['hours'],
): string {
  if (hours.value === 'always') return wording.always;
  const open = isOpenNow(hours, now, bankHolidays);
  const status = open === undefined ? wording.unknown : open ? wording.openNow : wording.closedNow;
  return `${hours.value.map(describeWindow).join(', ')}. ${status}`;
}
