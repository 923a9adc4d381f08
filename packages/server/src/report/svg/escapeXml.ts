/**
 * Text or an attribute value made safe inside HTML and inline SVG: the characters that can end
 * a text run or a quoted attribute become entities. Group names come from the audited file, so
 * everything drawn from the data passes through here.
 */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
