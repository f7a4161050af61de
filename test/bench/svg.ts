/** A small well-formedness check for the SVG the benchmark writes: one root svg element and balanced tags. */

/**
 * Problems with `text` as SVG: not rooted in an `<svg>` element in the SVG namespace, or a tag
 * that closes something other than what is open. Empty when the document is well formed.
 */
export function svgProblems(text: string): string[] {
  const problems: string[] = [];
  const body = text.replace(/<\?xml[^>]*\?>/, '').trim();
  if (!/^<svg\b[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(body))
    problems.push('does not start with an <svg> element in the SVG namespace');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
  for (const match of body.matchAll(tag)) {
    const [, closing, name = '', , selfClosing] = match;
    if (selfClosing === '/') continue;
    if (closing !== '/') stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element at offset ${match.index}`);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (!body.endsWith('</svg>')) problems.push('does not end with </svg>');
  return problems;
}
