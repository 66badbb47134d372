'use client';

import { useId, type ReactNode } from 'react';
import type { getDashboardOptions } from '@/server/services/dashboard/get-dashboard-options';

export type ScopeOptions = Awaited<ReturnType<typeof getDashboardOptions>>;

export interface ScopeValue {
  teamId?: string;
  jobId?: string;
  ownerId?: string;
}

/** A labelled native select whose every change is applied at once (filter bars keep their state in the URL). */
export function FilterSelect({ label, value, onChange, className, children }: { label: string; value: string; onChange: (value: string) => void; className: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={className}>
        {children}
      </select>
    </div>
  );
}

/**
 * Team, job and candidate-owner filters, shared by the dashboard and analytics. Jobs narrow to the
 * chosen team, and a job of another team is dropped when the team changes.
 */
export function ScopeSelects({ options, value, apply, className }: { options: ScopeOptions; value: ScopeValue; apply: (patch: ScopeValue) => void; className: string }) {
  const jobs = value.teamId ? options.jobs.filter((j) => j.teamId === value.teamId) : options.jobs;
  return (
    <>
      <FilterSelect
        label="Team"
        className={className}
        value={value.teamId ?? ''}
        onChange={(teamId) => {
          const keepJob = !teamId || options.jobs.some((j) => j.id === value.jobId && j.teamId === teamId);
          apply({ teamId: teamId || undefined, jobId: keepJob ? value.jobId : undefined });
        }}
      >
        <option value="">All teams</option>
        {options.teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Job" className={className} value={value.jobId ?? ''} onChange={(jobId) => apply({ jobId: jobId || undefined })}>
        <option value="">All jobs</option>
        {jobs.map((j) => (
          <option key={j.id} value={j.id}>
            {j.title} — {j.clientCompany}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Candidate owner" className={className} value={value.ownerId ?? ''} onChange={(ownerId) => apply({ ownerId: ownerId || undefined })}>
        <option value="">Anyone</option>
        {options.owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </FilterSelect>
    </>
  );
}
