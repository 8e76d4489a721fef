/**
 * The one way the workbench writes a date and time (when a session was recorded, a run
 * started, a request reached the mock server): in the user's locale, to the second, with the
 * time zone, e.g. `1 Dec 2026, 05:49:02 UTC` (en-GB) or `Dec 1, 2026, 05:49:02 AM UTC`
 * (en-US). Every view uses it; durations and conversation times use `formatMs`.
 */
export interface DateTimeOptions {
  /** BCP 47 locale(s); default: the browser's. */
  locale?: string | readonly string[];
  /** IANA time zone; default: the computer's. */
  timeZone?: string;
}

const FIELDS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(options: DateTimeOptions): Intl.DateTimeFormat {
  const locales = options.locale === undefined ? undefined : typeof options.locale === 'string' ? [options.locale] : [...options.locale];
  const key = `${locales?.join(',') ?? ''}|${options.timeZone ?? ''}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locales, options.timeZone === undefined ? FIELDS : { ...FIELDS, timeZone: options.timeZone });
    formatters.set(key, f);
  }
  return f;
}

/**
 * A date and time (an ISO 8601 string, epoch ms or a Date) as the workbench shows it. A value
 * that is not a date is shown as it is (a string) or as "unknown time": never "Invalid Date".
 */
export function formatDateTime(value: string | number | Date, options: DateTimeOptions = {}): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return typeof value === 'string' && value !== '' ? value : 'unknown time';
  return formatter(options).format(date);
}
