import 'server-only';
import { createHydrationHelpers } from '@trpc/react-query/rsc';
import { headers } from 'next/headers';
import { cache } from 'react';
import { createRequestContext } from '@/server/trpc/request-context';
import { createCaller, type AppRouter } from '@/server/trpc/root';
import { makeQueryClient } from './query-client';

const getQueryClient = cache(makeQueryClient);
const caller = createCaller(cache(async () => createRequestContext({ headers: await headers() })));

export const { trpc: api, HydrateClient } = createHydrationHelpers<AppRouter>(caller, getQueryClient);
