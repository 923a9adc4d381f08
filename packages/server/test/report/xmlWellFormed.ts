/**
 * A small well-formedness check for the SVG the report inlines, standing in for an XML parser
 * (none is a dependency): every tag closes in order, attributes are quoted, and text and
 * attribute values hold no raw '<' and only known entities. Returns the problems found.
 */
export function xmlProblems(markup: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let at = 0;
  while (at < markup.length) {
    const lt = markup.indexOf('<', at);
    const text = markup.slice(at, lt < 0 ? markup.length : lt);
    problems.push(...entityProblems(text, at));
    if (lt < 0) break;
    tag.lastIndex = lt;
    const match = tag.exec(markup);
    if (!match) {
      problems.push(`malformed tag at ${lt}: ${markup.slice(lt, lt + 60)}`);
      break;
    }
    const [whole, closing, name, attributes, selfClosing] = match;
    problems.push(...entityProblems(attributes ?? '', lt));
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> at ${lt} closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing) {
      stack.push(name!);
    }
    at = lt + whole.length;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}

function entityProblems(text: string, offset: number): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/&([^;\s]*);?/g)) {
    if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(match[0])) {
      problems.push(`bad entity '${match[0]}' at ${offset + match.index}`);
    }
  }
  return problems;
}

/** Every inline `<svg>...</svg>` of an HTML page. */
export function svgElements(html: string): string[] {
  return html.match(/<svg[\s>][\s\S]*?<\/svg>/g) ?? [];
}
