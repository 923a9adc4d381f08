/** The figures as a plain-text table: figure | value | target | met? */
export function formatTable(figures) {
  const header = ['figure', 'value', 'target', 'met?'];
  const rows = figures.map((f) => [
    f.name,
    f.unit === 'ratio'
      ? `${formatNumber(f.median, f.unit)} (of the median wall times)`
      : `${formatNumber(f.median, f.unit)} (median of ${f.runs}: ${formatNumber(f.min, f.unit, false)}–${formatNumber(f.max, f.unit, false)})`,
    f.target ? `${f.target.comparison} ${formatNumber(f.target.value, f.unit)}` : '',
    f.met === null ? '' : f.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-|-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function formatNumber(value, unit, withUnit = true) {
  const [text, suffix] = scaled(value, unit);
  return withUnit && suffix ? `${text} ${suffix}` : text;
}

function scaled(value, unit) {
  switch (unit) {
    case 'rows/s':
      return [(value / 1e6).toFixed(1), 'M rows/s'];
    case 's':
      return [value.toFixed(2), 's'];
    case 'bytes':
      return [(value / 1e6).toFixed(0), 'MB'];
    case 'ratio':
      return [value.toFixed(2), ''];
    default:
      throw new Error(`unknown unit ${unit}`);
  }
}
