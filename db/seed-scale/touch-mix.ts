import type { Channel, Direction, TouchKind } from '@/db/schema';
import { strengthOf, TOUCH_RULES } from '@/server/services/touches/touch-kinds';

/** Each way a touch happens, numbered so the SQL can choose one with a CASE and look it up by code. */
export const VARIANTS = {
  question: { code: 1, kind: 'question', direction: 'inbound', channel: 'portal', dedupe: 'portal' },
  emailReply: { code: 2, kind: 'email_reply', direction: 'inbound', channel: 'email', dedupe: 'inbound' },
  thankYou: { code: 3, kind: 'thank_you', direction: 'inbound', channel: 'portal', dedupe: 'portal' },
  callIn: { code: 4, kind: 'call', direction: 'inbound', channel: 'phone', dedupe: 'manual' },
  messageIn: { code: 5, kind: 'message', direction: 'inbound', channel: 'manual', dedupe: 'manual' },
  click: { code: 6, kind: 'email_click', direction: 'inbound', channel: 'email', dedupe: 'webhook' },
  visit: { code: 7, kind: 'portal_visit', direction: 'inbound', channel: 'portal', dedupe: 'portal-visit' },
  open: { code: 8, kind: 'email_open', direction: 'inbound', channel: 'email', dedupe: 'webhook' },
  note: { code: 9, kind: 'note', direction: 'outbound', channel: 'manual', dedupe: 'manual' },
  answer: { code: 10, kind: 'answer', direction: 'outbound', channel: 'portal', dedupe: 'answer' },
  emailSent: { code: 11, kind: 'email_sent', direction: 'outbound', channel: 'email', dedupe: 'email' },
  linkSent: { code: 12, kind: 'portal_link_sent', direction: 'outbound', channel: 'email', dedupe: 'portal-invitation' },
  statusUpdate: { code: 13, kind: 'status_update', direction: 'outbound', channel: 'email', dedupe: 'status-update' },
  callOut: { code: 14, kind: 'call', direction: 'outbound', channel: 'phone', dedupe: 'manual' },
  messageOut: { code: 15, kind: 'message', direction: 'outbound', channel: 'manual', dedupe: 'manual' },
} as const satisfies Record<string, { code: number; kind: TouchKind; direction: Direction; channel: Channel; dedupe: string }>;

export type Variant = keyof typeof VARIANTS;
export const code = (v: Variant) => VARIANTS[v].code;

/** The lookup table the touch insert joins: strength exactly as the app computes it. */
export function variantRows(): string {
  return Object.values(VARIANTS)
    .map((v) => {
      const awaits = v.direction === 'inbound' && TOUCH_RULES[v.kind].awaitsReply === true;
      return `(${v.code}, '${v.kind}'::touch_kind, '${v.direction}'::touch_direction, '${v.channel}'::touch_channel, ${strengthOf(v.kind, v.direction)}, ${awaits}, '${v.dedupe}')`;
    })
    .join(',\n      ');
}

type Mix = readonly (readonly [Variant, number])[];

/**
 * How candidates behave after an interview. Engaged ones write (questions, replies, thank-yous)
 * among the opens and visits; lukewarm ones only open, visit and click; silent ones send nothing,
 * and the agency chases them. The agency's own touches (notes, emails, status updates) mix in.
 */
export const ENGAGED: Mix = [
  ['question', 10], ['emailReply', 8], ['thankYou', 10], ['callIn', 3], ['messageIn', 2],
  ['open', 18], ['visit', 12], ['click', 8],
  ['note', 9], ['emailSent', 8], ['callOut', 3], ['messageOut', 1], ['statusUpdate', 4],
];
/** Right after a touch that waits for an answer comes its answer or something else: never another wait. */
export const ENGAGED_NO_WAIT: Mix = ENGAGED.filter(([v]) => v !== 'question' && v !== 'emailReply');
export const LUKEWARM: Mix = [['open', 36], ['visit', 23], ['click', 14], ['note', 10], ['emailSent', 8], ['statusUpdate', 6], ['callOut', 3]];
export const SILENT: Mix = [['note', 40], ['emailSent', 25], ['statusUpdate', 25], ['callOut', 10]];

export const PROFILE = { engaged: 1, lukewarm: 2, silent: 3 } as const;

export function mixCase(unit: string, mix: Mix): string {
  const total = mix.reduce((sum, [, w]) => sum + w, 0);
  let cumulative = 0;
  const arms = mix.slice(0, -1).map(([v, w]) => {
    cumulative += w / total;
    return `when ${unit} < ${cumulative.toFixed(6)} then ${code(v)}`;
  });
  return `(case ${arms.join(' ')} else ${code(mix.at(-1)![0])} end)`;
}
