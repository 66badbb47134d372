import { AnalyticsSkeleton } from './skeleton';

export default function Loading() {
  return <AnalyticsSkeleton />;
}
