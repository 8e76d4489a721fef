/**
 * The Date part of the sandbox prelude (see sandbox-prelude.ts), spliced into its function
 * body: `Date.now()` and `new Date()` read the call's time (`nowMs`, set by each invoke),
 * and local time is UTC on every machine, so that a lambda calling `getHours()` answers the
 * same on a CI box in UTC and on a laptop in Tokyo. `Date.parse` and the one-string
 * constructor read a text without a zone as UTC.
 *
 * It uses the prelude's captured intrinsics (`G`, `RealDate`, `apply`, `construct`,
 * `defineProperty`, `keysOf`, `regexExec`, `trunc`) and its per-call `nowMs`; it defines
 * `DateProto`, which the prelude's lockdown freezes with the other prototypes.
 */
export const PRELUDE_DATE = String.raw`
  var DateProto = RealDate.prototype;
  var dateUTC = RealDate.UTC, dateParse = RealDate.parse;
  var getTime = DateProto.getTime, setTime = DateProto.setTime, realOffset = DateProto.getTimezoneOffset;
  var U = {
    year: DateProto.getUTCFullYear, month: DateProto.getUTCMonth, date: DateProto.getUTCDate, day: DateProto.getUTCDay,
    hours: DateProto.getUTCHours, minutes: DateProto.getUTCMinutes, seconds: DateProto.getUTCSeconds,
    setYear: DateProto.setUTCFullYear
  };
  var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var ZONE = /(?:Z|[+-]\d\d:?\d\d|\b(?:GMT|UTC|UT)(?:[+-]\d{1,4}(?::?\d\d)?)?)\s*(?:\([^)]*\))?\s*$/i;

  function parseUtc(value) {
    var s = '' + value;
    if (apply(regexExec, ZONE, [s]) !== null) return dateParse(s);
    var z = dateParse(s + 'Z');
    if (z === z) return z;
    var t = dateParse(s);
    return t === t ? t - apply(realOffset, new RealDate(t), []) * 60000 : t;
  }
  function pad(n, width) {
    var s = '' + n;
    while (s.length < width) s = '0' + s;
    return s;
  }
  function yearText(y) {
    return y < 0 ? '-' + pad(-y, 4) : pad(y, 4);
  }
  function fields(d) {
    var t = apply(getTime, d, []);
    if (t !== t) return null;
    return {
      y: apply(U.year, d, []), mo: apply(U.month, d, []), d: apply(U.date, d, []), wd: apply(U.day, d, []),
      h: apply(U.hours, d, []), mi: apply(U.minutes, d, []), s: apply(U.seconds, d, [])
    };
  }
  function dateText(f) {
    return DAYS[f.wd] + ' ' + MONTHS[f.mo] + ' ' + pad(f.d, 2) + ' ' + yearText(f.y);
  }
  function timeText(f) {
    return pad(f.h, 2) + ':' + pad(f.mi, 2) + ':' + pad(f.s, 2) + ' GMT+0000';
  }
  function localeDate(f) {
    return pad(f.mo + 1, 2) + '/' + pad(f.d, 2) + '/' + yearText(f.y);
  }
  function localeTime(f) {
    return pad(f.h % 12 === 0 ? 12 : f.h % 12, 2) + ':' + pad(f.mi, 2) + ':' + pad(f.s, 2) + (f.h < 12 ? ' AM' : ' PM');
  }
  function formatter(render) {
    return function () {
      var f = fields(this);
      return f === null ? 'Invalid Date' : render(f);
    };
  }
  var dateMethods = {
    toString: formatter(function (f) { return dateText(f) + ' ' + timeText(f); }),
    toDateString: formatter(dateText),
    toTimeString: formatter(timeText),
    toLocaleString: formatter(function (f) { return localeDate(f) + ', ' + localeTime(f); }),
    toLocaleDateString: formatter(localeDate),
    toLocaleTimeString: formatter(localeTime),
    getTimezoneOffset: function getTimezoneOffset() {
      var t = apply(getTime, this, []);
      return t === t ? 0 : NaN;
    },
    getYear: function getYear() {
      var t = apply(getTime, this, []);
      return t === t ? apply(U.year, this, []) - 1900 : NaN;
    },
    setYear: function setYear(year) {
      var n = +year;
      if (n !== n) return apply(setTime, this, [NaN]);
      var y = trunc(n);
      if (y >= 0 && y <= 99) y += 1900;
      var t = apply(getTime, this, []);
      if (t !== t) apply(setTime, this, [0]);
      return apply(U.setYear, this, [y]);
    }
  };
  var LOCAL = ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'];
  for (var i = 0; i < LOCAL.length; i++) {
    var part = LOCAL[i];
    dateMethods['get' + part] = DateProto['getUTC' + part];
    if (part !== 'Day') dateMethods['set' + part] = DateProto['setUTC' + part];
  }
  var names = keysOf(dateMethods);
  for (var k = 0; k < names.length; k++) {
    defineProperty(DateProto, names[k], { value: dateMethods[names[k]], writable: true, enumerable: false, configurable: true });
  }

  function FlowDate(year, month, day, hours, minutes, seconds, ms) {
    if (new.target === undefined) return apply(dateMethods.toString, new RealDate(nowMs), []);
    var n = arguments.length;
    var t;
    if (n === 0) t = nowMs;
    else if (n === 1) {
      if (typeof year !== 'string') return construct(RealDate, [year], new.target);
      t = parseUtc(year);
    } else t = apply(dateUTC, undefined, arguments);
    return construct(RealDate, [t], new.target);
  }
  defineProperty(FlowDate, 'name', { value: 'Date' });
  defineProperty(FlowDate, 'length', { value: 7 });
  defineProperty(FlowDate, 'prototype', { value: DateProto, writable: false, enumerable: false, configurable: false });
  defineProperty(FlowDate, 'now', { value: function now() { return nowMs; }, writable: true, enumerable: false, configurable: true });
  defineProperty(FlowDate, 'parse', { value: function parse(s) { return parseUtc(s); }, writable: true, enumerable: false, configurable: true });
  defineProperty(FlowDate, 'UTC', { value: dateUTC, writable: true, enumerable: false, configurable: true });
  defineProperty(DateProto, 'constructor', { value: FlowDate, writable: true, enumerable: false, configurable: true });
  defineProperty(G, 'Date', { value: FlowDate, writable: true, enumerable: false, configurable: true });
`;
