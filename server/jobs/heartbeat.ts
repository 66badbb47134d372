/*
 * The in-process worker's sign of life, for the readiness check (server/services/health): the
 * outbox sweep beats after each pass that completed. On globalThis because Next.js evaluates the
 * worker (instrumentation) and the route handlers in separate bundles of one process.
 */
export interface WorkerHeartbeat {
  /** When a sweep last completed (ms since the epoch). */
  at: number;
  /** How often the sweep runs (MAIL_POLL_MS). */
  intervalMs: number;
}

const holder = globalThis as unknown as { __afterviewWorkerHeartbeat?: WorkerHeartbeat };

export function beatWorkerHeartbeat(intervalMs: number, at = Date.now()): void {
  holder.__afterviewWorkerHeartbeat = { at, intervalMs };
}

/** The worker stopped on purpose (shutdown): no heartbeat, rather than one that merely ages. */
export function clearWorkerHeartbeat(): void {
  holder.__afterviewWorkerHeartbeat = undefined;
}

export function workerHeartbeat(): WorkerHeartbeat | undefined {
  return holder.__afterviewWorkerHeartbeat;
}
