import type { IndicatorInfo, ResultRow } from '../results/schema.js';

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/** `57884` → `57,884`; keeps decimals as given. */
export function thousands(text: string): string {
  const [int, frac] = text.split('.');
  const neg = int!.startsWith('-');
  const digits = (neg ? int!.slice(1) : int!).replace(GROUP, ',');
  return (neg ? '-' : '') + digits + (frac !== undefined ? '.' + frac : '');
}

/** The result as text with the indicator's decimals (`66.40`), empty when there is none. */
export function resultText(r: ResultRow, info: IndicatorInfo | undefined): string {
  if (r.result === null) return '';
  return r.result.toFixed(info?.decimals ?? 2);
}

export function passText(p: boolean | null): string {
  return p === null ? '' : String(p);
}
