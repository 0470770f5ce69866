/** `table ANC` or `tables LABOR, ANC`: an English noun before a list of names, counted. */
export function nounList(noun: string, names: readonly string[]): string {
  return `${noun}${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
}
