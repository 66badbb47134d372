import { EmailAdminSkeleton } from './email-admin';

export default function Loading() {
  return <EmailAdminSkeleton />;
}
