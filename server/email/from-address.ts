import { env } from '@/server/env';
import { formatMailbox, HEADER_CONTROL_CHARACTERS, HeaderValueError, parseMailbox } from './headers';

function mailFrom(): { name: string | null; address: string } {
  const parsed = parseMailbox(env().MAIL_FROM);
  if (!parsed) throw new HeaderValueError('MAIL_FROM must be one address, like "Afterview <no-reply@example.com>".');
  return parsed;
}

/** The platform's own sending address (a domain verified in Resend), without its name. */
export function platformAddress(): string {
  return mailFrom().address;
}

/** `From` for the platform's own mail (sign-in links): MAIL_FROM, formatted like every other From. */
export function platformFrom(): string {
  const { name, address } = mailFrom();
  return formatMailbox(name, address);
}

/** `From` for an agency's mail: the platform's address under the agency's name. */
export function agencyFromHeader(displayName: string): string {
  // A name stored before names were checked may hold a line break: shown as a space, never sent as one.
  const name = displayName.replace(new RegExp(`(?:\\s|${HEADER_CONTROL_CHARACTERS.source})+`, 'gu'), ' ');
  return formatMailbox(Array.from(name).slice(0, 100).join(''), platformAddress());
}
