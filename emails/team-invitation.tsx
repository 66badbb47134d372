import { EmailLayout } from './components/layout';
import { oneLine } from './components/subject';
import { EmailButton, EmailTitle, Muted, Paragraph, PasteLink } from './components/ui';

export type TeamInvitationRole = 'owner' | 'admin' | 'recruiter' | 'viewer';

export interface TeamInvitationEmailProps {
  agencyName: string;
  inviterName: string;
  role: TeamInvitationRole;
  /** Empty when the invitation is to the agency only. */
  teamNames: string[];
  acceptUrl: string;
  /** Already formatted, e.g. "Tuesday 10 November 2026". */
  expiresOn: string;
}

export const teamInvitationSubject = (inviterName: string, agencyName: string) => oneLine(`${inviterName} invited you to ${agencyName} on Afterview`);

const ROLES: Record<TeamInvitationRole, { withArticle: string; description: string }> = {
  owner: { withArticle: 'an owner', description: 'Owners run the agency: its settings, teams and members, as well as every candidate and job.' },
  admin: { withArticle: 'an admin', description: 'Admins manage the agency’s settings, teams and members, and work with candidates and jobs.' },
  recruiter: { withArticle: 'a recruiter', description: 'Recruiters work with candidates and jobs: they see who followed up and answer the questions waiting on them.' },
  viewer: { withArticle: 'a viewer', description: 'Viewers can see candidates, jobs and the dashboard, but do not change them.' },
};

const LIST = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

function teamsSentence(teamNames: string[]): string | null {
  const names = teamNames.map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) return null;
  return names.length === 1 ? `You will join the ${names[0]} team.` : `You will join the ${LIST.format(names)} teams.`;
}

export default function TeamInvitationEmail({ agencyName, inviterName, role, teamNames, acceptUrl, expiresOn }: TeamInvitationEmailProps) {
  const roleInfo = ROLES[role];
  const teams = teamsSentence(teamNames);
  return (
    <EmailLayout
      preview={`${inviterName} invited you to join ${agencyName} as ${roleInfo.withArticle}.`}
      footer={`If you did not expect this invitation, you can ignore this email: nobody joins ${agencyName} without accepting it.`}
    >
      <EmailTitle>Join {agencyName} on Afterview</EmailTitle>
      <Paragraph>
        {inviterName} invited you to join {agencyName} as {roleInfo.withArticle}.{teams ? ` ${teams}` : null}
      </Paragraph>
      <Paragraph>{roleInfo.description}</Paragraph>
      <Paragraph>Afterview shows the agency which candidates followed up after their interviews, and who is still waiting on a reply.</Paragraph>
      <EmailButton href={acceptUrl}>Accept the invitation</EmailButton>
      <PasteLink href={acceptUrl} />
      <Muted>The invitation expires on {expiresOn}.</Muted>
    </EmailLayout>
  );
}

TeamInvitationEmail.PreviewProps = {
  agencyName: 'Northwind Talent',
  inviterName: 'Alex Morgan',
  role: 'recruiter',
  teamNames: ['Engineering', 'Sales & Marketing'],
  acceptUrl: 'http://localhost:3000/invite/inv_Qm8vT2rX6pL0dJ4k',
  expiresOn: 'Tuesday 10 November 2026',
} satisfies TeamInvitationEmailProps;
