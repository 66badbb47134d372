import { CandidateSkeleton } from './candidate-view';

export default function Loading() {
  return <CandidateSkeleton />;
}
