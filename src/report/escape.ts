const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text into HTML or SVG, in content or a quoted attribute: area names come from input files. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Line breaks and tabs: shown as one space, so a value stays on its line. */
const BREAKS = /[\t\n\v\f\r]+/g;
/** C0 and C1 controls and DEL: an ESC sequence in a unit name would recolour, move or clear the terminal. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/** Bidirectional overrides and isolates show text in another order than it is stored. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** A value as a terminal shows it safely: breaks become spaces, other control characters go. */
export function plainText(text: string): string {
  return text.replace(BREAKS, ' ').replace(CONTROLS, '').replace(BIDI, '');
}

/** Characters that Markdown would read as emphasis, code, links, strikethrough or a table's column rule. */
const MARKDOWN = /[\\`*_[\]|~]/g;

/**
 * A value in a Markdown table cell: HTML escaped (a hospitals file may hold `<script>`),
 * Markdown's own punctuation backslash-escaped, line breaks as `<br>` so the row stays one
 * line, other control characters dropped.
 */
export function markdownCell(text: string): string {
  const escaped = text.replace(/[&<>]/g, (c) => ENTITIES[c]!).replace(MARKDOWN, (c) => `\\${c}`);
  return escaped.replace(/\r\n|[\n\r\v\f\u2028\u2029]/g, '<br>').replace(/\t/g, ' ').replace(CONTROLS, '').replace(BIDI, '');
}
