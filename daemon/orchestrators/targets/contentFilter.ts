/**
 * Phrases with which providers reject a prompt on policy grounds rather than for a malformed request: Azure
 * OpenAI's `content_filter` error code and "content management policy" message (inner code
 * `ResponsibleAIPolicyViolation`), OpenAI's "usage policy" / "safety system" wording. PyRIT stores such a
 * rejection as `blocked`, not as an error, and so do we: for red-teaming a block is a result.
 */
const contentFilterPattern =
  /content[_\s-]?filter|content management policy|ResponsibleAIPolicyViolation|usage polic|safety system/i;

export function isContentFilterRejection(status: number, bodyText: string): boolean {
  return status === 400 && contentFilterPattern.test(bodyText);
}
