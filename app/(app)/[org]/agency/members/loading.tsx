import { MembersAdminSkeleton } from './members-admin';

export default function Loading() {
  return <MembersAdminSkeleton />;
}
