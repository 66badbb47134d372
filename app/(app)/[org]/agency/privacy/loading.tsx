import { PrivacySettingsSkeleton } from './privacy-settings';

export default function Loading() {
  return <PrivacySettingsSkeleton />;
}
