import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../renderer/src/format/date-time';

describe('one date and time format', () => {
  it('writes the moment in the locale, to the second, with the time zone', () => {
    // 2026-11-24T10:00:00Z is 10:00 in London (GMT in November), 11:00 in Berlin (CET = UTC+1),
    // 05:00 in New York (EST = UTC−5).
    expect(formatDateTime('2026-11-24T10:00:00Z', { locale: 'en-GB', timeZone: 'Europe/London' })).toBe('24 Nov 2026, 10:00:00 GMT');
    expect(formatDateTime('2026-11-24T10:00:00Z', { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Nov 24, 2026, 05:00:00 AM EST');
    expect(formatDateTime('2026-11-24T10:00:00Z', { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe('24. Nov. 2026, 11:00:00 MEZ');
  });

  it('takes an ISO string, epoch ms or a Date alike', () => {
    const options = { locale: 'en-GB', timeZone: 'UTC' };
    // 1_795_000_000_000 ms = 1,795,000,000 s = 20,775 days (1,794,960,000 s) + 40,000 s after
    // 1970-01-01; day 20,775 is 2026-11-18 (20,089 days to 2025-01-01, + 365 to 2026-01-01, + 321),
    // and 40,000 s = 11 h 6 min 40 s.
    const ms = 1_795_000_000_000;
    expect(formatDateTime(ms, options)).toBe('18 Nov 2026, 11:06:40 UTC');
    expect(formatDateTime(new Date(ms), options)).toBe('18 Nov 2026, 11:06:40 UTC');
    expect(formatDateTime('2026-11-18T12:06:40+01:00', options)).toBe('18 Nov 2026, 11:06:40 UTC');
  });

  it('never shows "Invalid Date"', () => {
    expect(formatDateTime('yesterday-ish')).toBe('yesterday-ish');
    expect(formatDateTime('')).toBe('unknown time');
    expect(formatDateTime(Number.NaN)).toBe('unknown time');
  });
});
