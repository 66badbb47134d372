import { createElement, type Attributes, type FunctionComponent } from 'react';
import DailyDigestEmail, { dailyDigestSubject, type DailyDigestEmailProps } from './daily-digest';
import MagicLinkEmail, { magicLinkSubject, type MagicLinkEmailProps } from './magic-link';
import PortalInvitationEmail, { portalInvitationSubject, type PortalInvitationEmailProps } from './portal-invitation';
import QuestionAnsweredEmail, { questionAnsweredSubject, type QuestionAnsweredEmailProps } from './question-answered';
import RecruiterReplyEmail, { conversationSubject, recruiterReplySubject, type RecruiterReplyEmailProps } from './recruiter-reply';
import { renderEmail } from './render';
import StatusUpdateEmail, { statusUpdateSubject, type StatusUpdateEmailProps } from './status-update';
import ReplyReminderEmail, { replyReminderSubject, type ReplyReminderEmailProps } from './reply-reminder';
import TeamInvitationEmail, { teamInvitationSubject, type TeamInvitationEmailProps } from './team-invitation';

export interface EmailTemplate<P extends object> {
  /** How the template is called in the development preview. */
  name: string;
  component: FunctionComponent<P>;
  previewProps: P;
  subject: (props: P) => string;
}

/** Ties a template's props to its component, preview props and subject in one checked place. */
export function defineTemplate<P extends object>(template: EmailTemplate<P>): EmailTemplate<P> {
  return template;
}

/**
 * A reply's subject continues its thread, which the component itself does not need to know; the
 * sender passes the thread's subject alongside the component's props.
 */
export type RecruiterReplyTemplateProps = RecruiterReplyEmailProps & { threadSubject: string };

export const EMAIL_TEMPLATES = {
  'magic-link': defineTemplate<MagicLinkEmailProps>({
    name: 'Magic-link sign-in',
    component: MagicLinkEmail,
    previewProps: MagicLinkEmail.PreviewProps,
    subject: (p) => magicLinkSubject(p.host),
  }),
  'portal-invitation': defineTemplate<PortalInvitationEmailProps>({
    name: 'Portal invitation (after an interview)',
    component: PortalInvitationEmail,
    previewProps: PortalInvitationEmail.PreviewProps,
    subject: (p) => portalInvitationSubject(p.jobTitle),
  }),
  'recruiter-reply': defineTemplate<RecruiterReplyTemplateProps>({
    name: 'Recruiter reply',
    component: RecruiterReplyEmail,
    previewProps: { ...RecruiterReplyEmail.PreviewProps, threadSubject: conversationSubject('Senior Backend Engineer') },
    subject: (p) => recruiterReplySubject(p.threadSubject),
  }),
  'question-answered': defineTemplate<QuestionAnsweredEmailProps>({
    name: 'Question answered',
    component: QuestionAnsweredEmail,
    previewProps: QuestionAnsweredEmail.PreviewProps,
    subject: (p) => questionAnsweredSubject(p.agencyName),
  }),
  'team-invitation': defineTemplate<TeamInvitationEmailProps>({
    name: 'Team invitation',
    component: TeamInvitationEmail,
    previewProps: TeamInvitationEmail.PreviewProps,
    subject: (p) => teamInvitationSubject(p.inviterName, p.agencyName),
  }),
  'daily-digest': defineTemplate<DailyDigestEmailProps>({
    name: 'Daily digest',
    component: DailyDigestEmail,
    previewProps: DailyDigestEmail.PreviewProps,
    subject: (p) => dailyDigestSubject(p.dateLabel),
  }),
  'status-update': defineTemplate<StatusUpdateEmailProps>({
    name: 'Status update (no decision yet)',
    component: StatusUpdateEmail,
    previewProps: StatusUpdateEmail.PreviewProps,
    subject: (p) => statusUpdateSubject(p.jobTitle),
  }),
  'reply-reminder': defineTemplate<ReplyReminderEmailProps>({
    name: 'Reply reminder (to a recruiter)',
    component: ReplyReminderEmail,
    previewProps: ReplyReminderEmail.PreviewProps,
    subject: (p) => replyReminderSubject(p.level, p.waitingFor),
  }),
};

export type EmailTemplateId = keyof typeof EMAIL_TEMPLATES;

export type EmailTemplateProps<Id extends EmailTemplateId> = (typeof EMAIL_TEMPLATES)[Id]['previewProps'];

export const EMAIL_TEMPLATE_IDS = Object.keys(EMAIL_TEMPLATES) as EmailTemplateId[];

export function isEmailTemplateId(id: string): id is EmailTemplateId {
  return Object.hasOwn(EMAIL_TEMPLATES, id);
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

function templateOf<Id extends EmailTemplateId>(id: Id): EmailTemplate<EmailTemplateProps<Id>> {
  // TypeScript cannot correlate a generic key with its entry; the public signatures keep callers honest.
  return EMAIL_TEMPLATES[id] as unknown as EmailTemplate<EmailTemplateProps<Id>>;
}

export function templateSubject<Id extends EmailTemplateId>(id: Id, props: EmailTemplateProps<Id>): string {
  return templateOf(id).subject(props);
}

export async function renderTemplate<Id extends EmailTemplateId>(id: Id, props: EmailTemplateProps<Id>): Promise<RenderedEmail> {
  const template = templateOf(id);
  const { html, text } = await renderEmail(createElement(template.component, props as EmailTemplateProps<Id> & Attributes));
  return { subject: template.subject(props), html, text };
}
