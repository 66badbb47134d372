import { HEADER_CONTROL_CHARACTERS } from '@/server/email/headers';

const BREAKS = new RegExp(`(?:\\s|${HEADER_CONTROL_CHARACTERS.source})+`, 'gu');

/**
 * Names and titles come from user input; a line break in a subject would break the header. Inputs
 * refuse control characters, and text stored before they did is flattened here to spaces.
 */
export function oneLine(text: string): string {
  return text.replace(BREAKS, ' ').trim();
}
