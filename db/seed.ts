import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { getDb, queryRows } from './client';
import { memberships, organizations, teamMembers, teams, users, type Role } from './schema';
import { withTenant } from './tenant';

export const DEMO = {
  org: { name: 'Northwind Talent', slug: 'northwind' },
  teams: ['Engineering', 'Sales & Marketing'],
  people: [
    { email: 'alex@northwind.example', name: 'Alex Morgan', role: 'owner', teams: ['Engineering'], lead: true },
    { email: 'sam@northwind.example', name: 'Sam Patel', role: 'admin', teams: ['Sales & Marketing'], lead: true },
    { email: 'riley@northwind.example', name: 'Riley Chen', role: 'recruiter', teams: ['Engineering'], lead: false },
    { email: 'jordan@northwind.example', name: 'Jordan Diaz', role: 'recruiter', teams: ['Sales & Marketing'], lead: false },
    { email: 'casey@northwind.example', name: 'Casey Brooks', role: 'viewer', teams: ['Engineering', 'Sales & Marketing'], lead: false },
  ] satisfies { email: string; name: string; role: Role; teams: string[]; lead: boolean }[],
} as const;

export async function isDatabaseEmpty(): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(getDb(), sql`select count(*)::int as n from organizations`);
  return (row?.n ?? 0) === 0;
}

/** The demo agency: two teams and a member of every role, ready to sign in as. */
export async function seedDemo(): Promise<{ orgId: string }> {
  const db = getDb();
  const people = await db
    .insert(users)
    .values(DEMO.people.map((p) => ({ email: p.email, name: p.name, emailVerified: new Date() })))
    .onConflictDoUpdate({ target: users.email, set: { name: sql`excluded.name` } })
    .returning({ id: users.id, email: users.email });
  const idOf = new Map(people.map((p) => [p.email, p.id]));
  const orgId = crypto.randomUUID();
  await withTenant(orgId, async (tx) => {
    await tx.insert(organizations).values({ id: orgId, ...DEMO.org });
    await tx.insert(memberships).values(DEMO.people.map((p) => ({ orgId, userId: idOf.get(p.email)!, role: p.role })));
    const created = await tx
      .insert(teams)
      .values(DEMO.teams.map((name) => ({ orgId, name })))
      .returning({ id: teams.id, name: teams.name });
    const teamId = new Map(created.map((t) => [t.name, t.id]));
    await tx.insert(teamMembers).values(
      DEMO.people.flatMap((p) => p.teams.map((t) => ({ orgId, teamId: teamId.get(t)!, userId: idOf.get(p.email)!, isLead: p.lead }))),
    );
  });
  return { orgId };
}

async function main() {
  const { runMigrations } = await import('./migrate');
  const { closeDatabase } = await import('./client');
  await runMigrations();
  if (await isDatabaseEmpty()) {
    await seedDemo();
    console.log(`Seeded the demo agency "${DEMO.org.name}" (/${DEMO.org.slug}).`);
  } else {
    console.log('The database already has agencies; the demo agency was not added.');
  }
  await closeDatabase();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
