import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { refuseCrossSiteMutation } from '@/server/security/same-origin';
import { createRequestContext } from '@/server/trpc/request-context';
import { appRouter } from '@/server/trpc/root';

const handler = async (req: Request) =>
  refuseCrossSiteMutation(req) ??
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createRequestContext({ headers: req.headers }),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path ?? '?'}:`, error.cause ?? error);
    },
  });

export { handler as GET, handler as POST };
