import { describe, expect, it } from 'vitest';
import { xmlProblems } from './xmlWellFormed.js';

describe('xmlProblems (the checker the report tests rely on)', () => {
  it('accepts balanced tags, quoted attributes and known entities', () => {
    expect(
      xmlProblems('<svg a="1"><g><text>x &amp; &lt;y&gt; &#39;</text><line x="2"/></g></svg>'),
    ).toEqual([]);
  });

  it.each([
    ['<svg><g></svg>', '</svg> at 8 closes <g>'],
    ['<svg><g>', 'unclosed: svg > g'],
    ['<svg a=1></svg>', 'malformed tag'],
    ['<svg><text>a & b</text></svg>', "bad entity '&' at 13"],
    ['<svg><text>a<b</text></svg>', 'malformed tag'],
    ['<svg a="x&y"></svg>', "bad entity '&y\"'"],
  ])('rejects %s', (markup, problem) => {
    expect(xmlProblems(markup).join('\n')).toContain(problem);
  });
});
