/** `{{prompt}}`, spaces inside the braces allowed, as in the Jinja-style templates PyRIT users know. */
const promptPlaceholder = /\{\{\s*prompt\s*\}\}/g;

// Replacement callbacks rather than strings: a prompt containing "$&" or "$1" must arrive as written, not expanded.

/** The prompt as a JSON string literal, quotes and all, so a template stays valid JSON whatever the prompt holds. */
export function renderBodyTemplate(template: string, prompt: string): string {
  return template.replace(promptPlaceholder, () => JSON.stringify(prompt));
}

/** For GET targets the prompt can only travel in the URL, percent-encoded. */
export function renderUrlTemplate(url: string, prompt: string): string {
  return url.replace(promptPlaceholder, () => encodeURIComponent(prompt));
}

/**
 * Why a JSON body template cannot work, or undefined when it can: rendered with a prompt full of quotes it must
 * parse. The usual slip is writing "{{prompt}}" inside quotes, which the JSON string literal then breaks.
 */
export function bodyTemplateProblem(template: string): string | undefined {
  // search() ignores the g flag's lastIndex, which test() would carry over from call to call.
  if (template.search(promptPlaceholder) === -1) {
    return 'The body template has no {{prompt}} placeholder, so every request would send the same body.';
  }
  try {
    JSON.parse(renderBodyTemplate(template, 'a "quoted"\nprompt'));
    return undefined;
  } catch (error) {
    return (
      'The body template does not give valid JSON once {{prompt}} is filled in ' +
      `(${error instanceof Error ? error.message : String(error)}). {{prompt}} becomes a quoted JSON string: ` +
      'put it where a value goes, e.g. {"input": {{prompt}}}, not inside quotes.'
    );
  }
}
