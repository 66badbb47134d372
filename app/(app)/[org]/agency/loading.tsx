import { OrgOverviewSkeleton } from './org-overview';

export default function Loading() {
  return <OrgOverviewSkeleton />;
}
