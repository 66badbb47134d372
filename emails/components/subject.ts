/** Names and titles come from user input; a line break in a subject would break the header. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
