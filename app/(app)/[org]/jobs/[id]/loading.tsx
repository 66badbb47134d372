import { JobSkeleton } from './job-view';

export default function Loading() {
  return <JobSkeleton />;
}
