import type { TenantFixture } from './fixtures';

/**
 * A valid input for every org-scoped procedure, aimed at agency `victim`. The isolation suite calls
 * each one as a member of another agency, with the victim's slug and then with its own slug and
 * the victim's ids; a procedure without an entry here fails that suite.
 */
export function attackInputs(victim: TenantFixture): Record<string, Record<string, unknown>> {
  const orgSlug = victim.slug;
  return {
    'org.overview': { orgSlug },
    'org.updatePortalSettings': { orgSlug, portalLinkDays: 7, brandColor: '#000000', logoUrl: '' },
    'team.create': { orgSlug, name: 'Injected team' },
    'team.rename': { orgSlug, teamId: victim.teamId, name: 'Renamed team' },
    'team.archive': { orgSlug, teamId: victim.teamId, archived: true },
    'team.setMembership': { orgSlug, teamId: victim.teamId, userId: victim.recruiterId, membership: 'none' },
    'audit.list': { orgSlug, action: 'fixture', actorUserId: victim.ownerId, from: '2000-01-01', to: '2999-12-31' },
    'audit.actions': { orgSlug },
    'responsiveness.get': { orgSlug, from: '2026-01-01', to: '2026-12-31' },
    'privacy.status': { orgSlug, candidateId: victim.candidateId },
    'privacy.erase': { orgSlug, candidateId: victim.candidateId, confirmName: victim.candidateName },
    'privacy.retention': { orgSlug },
    'privacy.updateRetention': { orgSlug, retentionMonths: 1 },
    'invitation.list': { orgSlug },
    'invitation.create': { orgSlug, email: 'injected-invitee@example.com', role: 'admin', teamIds: [victim.teamId] },
    'invitation.resend': { orgSlug, invitationId: victim.invitationId },
    'invitation.revoke': { orgSlug, invitationId: victim.invitationId },
    'member.changeRole': { orgSlug, userId: victim.recruiterId, role: 'admin' },
    'member.remove': { orgSlug, userId: victim.recruiterId, transferToUserId: victim.ownerId },
    'org.updateSettings': { orgSlug, name: 'Injected', slug: 'injected-slug', followUpWindowDays: 3, replyTargetHours: 5, timeZone: 'UTC', replyToAddress: '' },
    'candidate.list': { orgSlug, teamId: victim.teamId, query: victim.candidateName },
    'candidate.get': { orgSlug, candidateId: victim.candidateId },
    'candidate.create': { orgSlug, name: 'Injected', email: 'injected@example.com', teamId: victim.teamId, ownerUserId: victim.recruiterId },
    'candidate.update': { orgSlug, candidateId: victim.candidateId, name: 'Renamed' },
    'candidate.archive': { orgSlug, candidateId: victim.candidateId, archived: true },
    'job.list': { orgSlug },
    'job.get': { orgSlug, jobId: victim.jobId },
    'job.create': { orgSlug, teamId: victim.teamId, clientCompany: 'Injected', title: 'Injected job' },
    'job.update': { orgSlug, jobId: victim.jobId, title: 'Renamed job' },
    'job.archive': { orgSlug, jobId: victim.jobId, archived: true },
    'application.create': { orgSlug, candidateId: victim.candidateId, jobId: victim.jobId },
    'application.update': { orgSlug, applicationId: victim.applicationId, stage: 'rejected' },
    'interview.create': { orgSlug, applicationId: victim.applicationId, startsAt: '2026-01-01T10:00:00Z', endsAt: '2026-01-01T11:00:00Z', kind: 'video' },
    'interview.update': { orgSlug, interviewId: victim.interviewId, archived: true },
    'touch.timeline': { orgSlug, candidateId: victim.candidateId },
    'dashboard.list': { orgSlug, teamId: victim.teamId, jobId: victim.jobId, ownerId: victim.recruiterId, stage: 'interview', followedUp: 'all', sort: 'ended' },
    'dashboard.summary': { orgSlug, teamId: victim.teamId, jobId: victim.jobId, ownerId: victim.recruiterId },
    'dashboard.options': { orgSlug },
    'dashboard.inbox': { orgSlug },
    'import.preview': { orgSlug, csv: 'name,email,team,job_title,client_company\nInjected,injected@example.com,Fixture team,Fixture Engineer,Fixture Co\n' },
    'import.commit': { orgSlug, csv: 'name,email,team,job_title,client_company\nInjected,injected@example.com,Fixture team,Fixture Engineer,Fixture Co\n', confirm: true },
    'portal.links': { orgSlug, candidateId: victim.candidateId },
    'portal.createLink': { orgSlug, candidateId: victim.candidateId, applicationId: victim.applicationId, interviewId: victim.interviewId },
    'portal.revokeLink': { orgSlug, linkId: victim.portalLinkId },
    'portal.answer': { orgSlug, candidateId: victim.candidateId, questionId: victim.touchId, body: 'Injected answer', clientRequestId: '00000000-0000-4000-8000-000000000002' },
    'portal.sendInvitation': { orgSlug, candidateId: victim.candidateId, applicationId: victim.applicationId, interviewId: victim.interviewId },
    'email.send': { orgSlug, candidateId: victim.candidateId, body: 'Injected email', clientRequestId: '00000000-0000-4000-8000-000000000003' },
    'email.unrouted': { orgSlug },
    'email.suppressions': { orgSlug },
    'email.removeSuppression': { orgSlug, email: 'victim-suppressed@example.com' },
    'org.updateEmailSettings': { orgSlug, senderName: 'Injected', inboundDomain: 'injected.example.com', trackEngagement: true },
    'touch.log': { orgSlug, candidateId: victim.candidateId, kind: 'call', direction: 'outbound', occurredAt: '2026-01-01T10:00:00Z', clientRequestId: '00000000-0000-4000-8000-000000000001' },
  };
}
