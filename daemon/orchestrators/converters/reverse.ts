/** By code point, as Python's `prompt[::-1]` does, so an emoji is not split into two broken halves. */
export function reverse(text: string): string {
  return Array.from(text).reverse().join('');
}
