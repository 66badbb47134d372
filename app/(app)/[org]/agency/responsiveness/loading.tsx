import { ResponsivenessSkeleton } from './responsiveness';

export default function Loading() {
  return <ResponsivenessSkeleton />;
}
