import { useRef, useState } from 'react';

/**
 * Choices saved one after another, so the last choice is the one that stays. Each key shows its
 * pending value until its save settles, unless a newer choice for it came in meanwhile.
 */
export function useSerialChanges<V>() {
  const [pending, setPending] = useState<Record<string, V>>({});
  const queue = useRef<Promise<void>>(Promise.resolve());

  /** `save` handles its own errors: the queue goes on with the next change either way. */
  function enqueue(key: string, value: V, save: () => Promise<void>) {
    setPending((p) => ({ ...p, [key]: value }));
    queue.current = queue.current.then(async () => {
      try {
        await save();
      } finally {
        setPending((p) => {
          if (p[key] !== value) return p;
          const next = { ...p };
          delete next[key];
          return next;
        });
      }
    });
  }

  return { pending, enqueue };
}
