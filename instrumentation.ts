export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startSystemEmailPoller } = await import('@/server/email/system-outbox');
  startSystemEmailPoller();
}
