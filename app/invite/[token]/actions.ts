'use server';

import { signOut } from '@/server/auth/config';
import { invitationPath, isInvitationTokenShape } from '@/server/services/members/invitation-token';

/** Signs out and goes to sign-in, which brings the right account back to the invitation. */
export async function signOutToInvitation(formData: FormData): Promise<void> {
  const token = String(formData.get('token') ?? '');
  const back = isInvitationTokenShape(token) ? `/signin?callbackUrl=${encodeURIComponent(invitationPath(token))}` : '/signin';
  await signOut({ redirectTo: back });
}
