/**
 * The HTML report's only stylesheet, inline so the file opens offline. Thai fonts are named,
 * not embedded (a font would add megabytes); any system Thai font will do. `print-color-adjust`
 * keeps the band colours on paper; A4 pages break between indicators, not inside one.
 */
export const HTML_STYLE = `
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Sarabun", "TH Sarabun New", "Noto Sans Thai", "Leelawadee UI", Tahoma, "Loma", sans-serif;
  font-size: 11pt; line-height: 1.4; color: #1a1a1a; max-width: 186mm; margin: 0 auto; padding: 8px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 16pt; margin: 0 0 4px; }
h2 { font-size: 13pt; margin: 16px 0 4px; }
.period { margin: 0 0 4px; }
.muted, .meta, .source { color: #555; font-size: 9.5pt; }
.sources { margin: 4px 0; padding-left: 18px; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 2px 5px; vertical-align: top; }
thead th { background: #eee; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.none { color: #888; text-align: center; }
tr.national td { font-weight: bold; border-top: 2px solid #555; }
th.national { font-weight: bold; }
.grid { font-size: 8.5pt; }
.grid th.name { text-align: left; font-weight: normal; min-width: 40mm; }
/* The label column and the head row stay in view while a wide grid (77 provinces) scrolls. */
.scroll.screen-grid { max-height: 80vh; overflow: auto; }
.grid th.label { position: sticky; left: 0; z-index: 1; background: #fff; }
.grid thead th { position: sticky; top: 0; z-index: 2; }
.grid thead th.label { z-index: 3; background: #eee; }
.print-grid { display: none; }
.grid-key { font-size: 8pt; columns: 2; margin: 4px 0; }
.no-data { color: #555; font-style: italic; margin: 6px 0 10px; }
.notes { font-size: 9.5pt; border-left: 3px solid #c90; padding: 2px 10px; margin: 10px 0; }
.grid a { color: inherit; text-decoration: none; }
.scroll { overflow-x: auto; }
.key { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 9pt; }
.swatch { display: inline-block; width: 12px; height: 12px; border: 1px solid #888; margin-right: 4px; vertical-align: -1px; }
section.indicator { break-inside: avoid; page-break-inside: avoid; margin-top: 10px; }
svg.chart { display: block; margin: 4px 0 6px; font-size: 11px; }
svg .gridline { stroke: #e3e3e3; }
svg .tick { fill: #666; font-size: 10px; }
svg .bar { stroke: #555; stroke-width: 0.5; }
svg .national { font-weight: bold; }
svg rect.national { stroke: #000; stroke-width: 1.5; }
svg .target { stroke: #c00; stroke-width: 1.5; stroke-dasharray: 5 3; }
svg .target-label { fill: #c00; font-size: 10px; }
svg .line { stroke-width: 1.8; }
svg .line.national { stroke-width: 3; }
svg .target-step { stroke: #c00; stroke-width: 2; stroke-dasharray: 5 3; }
svg .target-riser { stroke: #c00; stroke-width: 1; stroke-dasharray: 2 2; }
svg .line-label { font-size: 10px; }
.multiples { display: flex; flex-wrap: wrap; gap: 4px 10px; }
.multiple { margin: 0; font-size: 9pt; }
.multiple figcaption { font-weight: bold; }
table.periods th.period { text-align: center; }
footer { margin-top: 16px; font-size: 9pt; color: #555; }
@page wide { size: A4 landscape; margin: 8mm; }
@media print {
  body { max-width: none; }
  .scroll { overflow: visible; max-height: none; } details > summary { list-style: none; }
  /* A wide grid prints turned (areas down the page) on A4 landscape pages of its own. */
  .summary.wide { page: wide; max-width: none; }
  .summary.wide .screen-grid { display: none; }
  .summary.wide .print-grid { display: block; }
  .print-grid .grid { font-size: 6.5pt; width: auto; }
  .print-grid .grid th, .print-grid .grid td { padding: 0 2px; }
  .grid th.label, .grid thead th { position: static; }
}
`;
