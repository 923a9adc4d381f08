import { escapeXml } from './escapeXml.js';

/** Small writers of SVG markup shared by the charts; coordinates are rounded to 0.1 px. */

export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * An accessible inline SVG (no xmlns: inline in HTML it is implied, and the report names no URL): `role="img"` with a title and a description that screen readers,
 * text browsers and search read in place of the drawing. It scales to its container's width.
 */
export function svgDocument(options: {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly description: string;
  readonly body: readonly string[];
  readonly className?: string;
}): string {
  const { id, width, height } = options;
  return [
    `<svg viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}"` +
      ` role="img" aria-labelledby="${id}-title ${id}-desc" class="${options.className ?? 'chart'}">`,
    `<title id="${id}-title">${escapeXml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(options.description)}</desc>`,
    ...options.body,
    '</svg>',
  ].join('\n');
}

/** A text label; `content` is escaped. */
export function svgLabel(
  x: number,
  y: number,
  content: string,
  attributes: Readonly<Record<string, string>> = {},
): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributeList(attributes)}>${escapeXml(content)}</text>`;
}

export function svgLine(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  attributes: Readonly<Record<string, string>>,
): string {
  return `<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y2)}"${attributeList(attributes)}/>`;
}

/** A shape with a hover title (the value in words); `title` is escaped. */
export function withTitle(shape: string, title: string): string {
  return `<g>${shape}<title>${escapeXml(title)}</title></g>`;
}

export function attributeList(attributes: Readonly<Record<string, string>>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
}
