// Dates, numbers and sizes for people. Dates come from the corpus as ISO 8601 with an offset
// ("2013-07-15T18:10:00+08:00", issue 3) or as written before that ("2013-07-15 18:10"); they are
// shown in the reader's locale at the wall-clock time of the place they were written, so an
// article published on the 15th in Beijing reads "15 July" everywhere.

const isoDate =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** { wall: Date (the local wall clock, as UTC), instant: ms since epoch, hasTime, offsetMinutes|null } */
export function parseDate(text) {
  const m = isoDate.exec(String(text ?? '').trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (Number.isNaN(wall)) return null;
  let offset = null;
  if (zone) {
    if (/^z$/i.test(zone)) offset = 0;
    else {
      const digits = zone.replace(':', '');
      const sign = digits[0] === '-' ? -1 : 1;
      offset = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
    }
  }
  return {
    wall: new Date(wall),
    instant: wall - (offset ?? 0) * 60000,
    hasTime: m[4] !== undefined,
    offsetMinutes: offset,
  };
}

/** A sort key: newer is larger; articles without a date sort last. */
export function dateKey(text) {
  return parseDate(text)?.instant ?? -Infinity;
}

function zoneName(offset) {
  if (offset === null) return '';
  if (offset === 0) return 'UTC';
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

// Making an Intl.DateTimeFormat costs far more than using one: a list draws 40 dates at a time.
const formatters = new Map();
function formatter(locales, withTime) {
  const key = `${locales.join(',')}|${withTime}`;
  if (!formatters.has(key)) {
    const options = { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' };
    if (withTime) Object.assign(options, { hour: 'numeric', minute: '2-digit' });
    formatters.set(key, new Intl.DateTimeFormat(locales, options));
  }
  return formatters.get(key);
}

/** "15 July 2013" (withTime: "15 July 2013, 18:10 UTC+8") in the given locales; '' if unknown. */
export function formatDate(text, locales, { withTime = false } = {}) {
  const date = parseDate(text);
  if (!date) return '';
  const shown = formatter(locales, withTime && date.hasTime).format(date.wall);
  const zone = withTime && date.hasTime ? zoneName(date.offsetMinutes) : '';
  return zone ? `${shown} ${zone}` : shown;
}

/** The machine-readable form for <time datetime>. */
export function machineDate(text) {
  const date = parseDate(text);
  if (!date) return null;
  if (!date.hasTime) return date.wall.toISOString().slice(0, 10);
  return date.offsetMinutes === null
    ? date.wall.toISOString().slice(0, 19)
    : new Date(date.instant).toISOString();
}

export function formatNumber(n, locales) {
  return new Intl.NumberFormat(locales).format(n);
}

export function formatBytes(n, locales) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locales, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
