import { RepliesOwedSkeleton } from './skeleton';

export default function Loading() {
  return <RepliesOwedSkeleton />;
}
