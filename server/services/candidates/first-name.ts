/** How emails, the portal and the recruiter's buttons address a candidate: the first word of the name. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
