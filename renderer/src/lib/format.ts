import { currentLanguage, t } from '../i18n/i18n.js';

// Numbers, dates and durations go through Intl in the UI language, so a
// French reader sees "1,5" and an Arabic one Arabic-Indic digits; only the
// short unit words come from the catalogues (format.*).

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${currentLanguage()}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(currentLanguage(), options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A plain number in the UI language: 12,345 / 12 345 / ١٢٬٣٤٥. */
export function formatNumber(n: number, fractionDigits?: number): string {
  return numberFormat(fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(n);
}

/** 1536 -> "1.5 KB" (binary steps, as memory is counted). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value >= 10 || unit === 0 ? 0 : 1;
  return t('format.bytes', { value: formatNumber(digits === 0 ? Math.round(value) : value, digits), unit: t(`format.unit.${UNITS[unit]!}`) });
}

/** 1.5e9 -> "1.5B" in English, "15亿" in Chinese: Intl's compact notation. */
export function formatCount(n: number): string {
  return numberFormat({ notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? t('format.seconds', { n: formatNumber(ms / 1000, 1) }) : t('format.milliseconds', { n: formatNumber(Math.round(ms)) });
}

/** "14:05" today, "Mon" this week, else a short date. */
export function formatWhen(ts: number, now = Date.now()): string {
  const d = new Date(ts);
  const lng = currentLanguage();
  const sameDay = new Date(now).toDateString() === d.toDateString();
  if (sameDay) return d.toLocaleTimeString(lng, { hour: '2-digit', minute: '2-digit' });
  if (now - ts < 6 * 86_400_000) return d.toLocaleDateString(lng, { weekday: 'short' });
  return d.toLocaleDateString(lng, { month: 'short', day: 'numeric' });
}

export const BACKEND_LABEL = { metal: 'Metal', cuda: 'CUDA', vulkan: 'Vulkan', cpu: 'CPU' } as const;

/** Download speed: "12 MB/s". */
export function formatSpeed(bytesPerSecond: number): string {
  return t('format.perSecond', { value: formatBytes(bytesPerSecond) });
}

/** Time left, rounded the way people say it: "40 s", "3 min", "1 h 5 min". */
export function formatEta(seconds: number): string {
  if (seconds < 60) return t('format.seconds', { n: formatNumber(Math.max(1, Math.round(seconds))) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t('format.minutes', { n: formatNumber(minutes) });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? t('format.hours', { n: formatNumber(hours) }) : t('format.hoursMinutes', { h: formatNumber(hours), m: formatNumber(rest) });
}

/** A log time to the second: "14:05:09". */
export function formatClock(ts: number): string {
  return new Date(ts).toLocaleTimeString(currentLanguage(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** 42 -> "42%" (or "%42", "٤٢٪"), placed as the language places it. */
export function formatPercent(percent: number): string {
  return numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}
