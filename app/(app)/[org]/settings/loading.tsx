import { NotificationSettingsSkeleton } from './skeleton';

export default function Loading() {
  return <NotificationSettingsSkeleton />;
}
