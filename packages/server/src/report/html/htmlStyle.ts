import { PALETTE } from '../svg/palette.js';

/**
 * The report's only stylesheet, inline so the file stands alone. Print rules: landscape A4 so
 * the forest plots keep a readable size, each section on a new page, charts and table rows
 * never split across pages, and colours printed as they are (markers differ by shape and fill
 * too, so greyscale printers lose nothing).
 */
export const HTML_STYLE = `
:root{color-scheme:light}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;margin:2rem auto;max-width:1180px;padding:0 1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.6rem;margin:0 0 .6rem}
h2{font-size:1.3rem;border-bottom:2px solid #000;padding-bottom:.2rem;margin:2.5rem 0 .6rem}
h3{font-size:1.05rem;margin:1.6rem 0 .4rem}
p{margin:.4rem 0;max-width:60rem}
code{font-size:.92em;background:#f2f2f2;padding:0 .2rem;border-radius:2px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1.2rem;margin:.5rem 0 1rem}
dl.meta dt{font-weight:600}
dl.meta dd{margin:0}
.verdict{font-size:1.05rem;border-left:4px solid ${PALETTE.vermillion};padding:.3rem .7rem;background:#fbf3ee}
.verdict.none{border-left-color:${PALETTE.blue};background:#eef4f9}
table{border-collapse:collapse;font-size:.8rem;margin:.5rem 0 1rem}
th,td{border:1px solid #b5b5b5;padding:.2rem .45rem;text-align:left;vertical-align:top}
th{background:#ececec;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.comparison{min-width:15rem}
td.chart-cell{padding:.1rem .2rem;width:220px}
svg.interval-bar{width:220px;max-width:none}
.ci{display:block;color:#4a4a4a;font-size:.72rem;white-space:nowrap}
.undefined{color:#4a4a4a;font-style:italic;white-space:normal}
td .undefined{display:inline-block;max-width:10rem;text-align:left}
.badge{display:inline-block;border:1px solid ${PALETTE.vermillion};color:${PALETTE.vermillion};border-radius:3px;padding:0 .3rem;font-size:.7rem;font-weight:600;margin-left:.3rem}
tr.insufficient td{background:#f6f6f6;color:#444}
tr.overall td{font-weight:600}
.legend{font-size:.8rem;color:#333}
figure{margin:.6rem 0;break-inside:avoid}
figcaption{font-size:.8rem;color:#333;margin-top:.2rem}
.grid{display:flex;flex-wrap:wrap;gap:.4rem 1rem}
.grid figure{margin:0}
svg.chart{display:block;max-width:100%;height:auto;overflow:visible}
svg text{font-family:inherit;font-size:11px;fill:#1a1a1a}
svg .tick{font-size:10px;fill:#4a4a4a}
svg .head{font-weight:600}
svg .strong{font-weight:700}
svg .flag{fill:${PALETTE.vermillion};font-style:italic;font-size:10px;font-weight:600}
svg .flagged{fill:${PALETTE.vermillion}}
svg .undefined{font-size:9px;fill:#4a4a4a;font-style:italic}
@page{size:A4 landscape;margin:12mm}
@media print{
  body{margin:0;max-width:none;padding:0;font-size:11px}
  section{break-before:page}
  section.lead{break-before:auto}
  h2,h3{break-after:avoid}
  figure,tr,.verdict,.keep{break-inside:avoid}
  thead{display:table-header-group}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
