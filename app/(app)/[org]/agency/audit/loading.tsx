import { AuditLogSkeleton } from './audit-log';

export default function Loading() {
  return <AuditLogSkeleton />;
}
