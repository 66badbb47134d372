import { NotificationsSkeleton } from './skeleton';

export default function Loading() {
  return <NotificationsSkeleton />;
}
