/**
 * Copies a string out of the chunk it was sliced from, so the chunk can be freed. Strings under
 * 13 characters are never slices in V8, so they are kept as they are.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : JSON.parse(JSON.stringify(text));
}
