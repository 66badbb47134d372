import { randomBytes } from 'node:crypto';

const REPLY_LOCAL = /^reply\+([a-z0-9]{32})$/;

/** 128 random bits in lowercase hex: safe in an address's local part (case-insensitive in practice), unguessable. */
export function newReplyToken(): string {
  return randomBytes(16).toString('hex');
}

export function replyAddress(token: string, inboundDomain: string): string {
  return `reply+${token}@${inboundDomain}`;
}

/** The conversation token of a reply address, or null for any other address. */
export function parseReplyAddress(address: string): { token: string; domain: string } | null {
  const match = /^<?([^@<>\s]+)@([^@<>\s]+?)>?$/.exec(address.trim().toLowerCase().replace(/^.*</, '<'));
  if (!match) return null;
  const local = REPLY_LOCAL.exec(match[1]!);
  return local ? { token: local[1]!, domain: match[2]! } : null;
}
