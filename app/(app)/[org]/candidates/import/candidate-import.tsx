'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { Button, ButtonLink, Card, cx } from '@/app/_components/ui';
import { trpc } from '@/app/_trpc/react';
import type { AppRouter } from '@/server/trpc/root';
import type { inferRouterOutputs } from '@trpc/server';
import {
  DELIMITER_NAMES,
  describeIssue,
  IMPORT_DELIMITERS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  PREVIEW_ROW_LIMIT,
  type DuplicateMode,
  type ImportDelimiter,
} from '@/server/services/import/import-format';
import { templateHref } from './template-csv';

type Preview = inferRouterOutputs<AppRouter>['import']['preview'];
type PreviewRow = Preview['rows'][number];
type CommitResult = inferRouterOutputs<AppRouter>['import']['commit'];

interface Checked {
  csv: string;
  delimiter: ImportDelimiter | undefined;
  duplicateMode: DuplicateMode;
}

/** A preview with exactly the input it was made from: the import sends that input, nothing newer. */
interface Previewed {
  data: Preview;
  input: Checked;
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string, many = `${word}s`) => `${count(n)} ${n === 1 ? word : many}`;
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function errorMessage(error: { message: string; data?: unknown } | null): string | null {
  if (!error) return null;
  // The csv field's own message reads better than the "csv: …" summary.
  const fields = (error.data as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors;
  return fields?.csv ?? error.message;
}

const TONES = {
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  brand: 'bg-brand-50 text-brand-800 ring-brand-100',
  amber: 'bg-amber-50 text-amber-900 ring-amber-200',
  red: 'bg-red-50 text-red-800 ring-red-200',
} as const;

// The words carry the meaning; colour only repeats them.
function StatusBadge({ row }: { row: PreviewRow }) {
  const [label, tone] =
    row.status === 'new'
      ? (['New', 'green'] as const)
      : row.status === 'error'
        ? (['Error', 'red'] as const)
        : row.status === 'duplicate-in-file'
          ? (['Repeated in file', 'amber'] as const)
          : row.action === 'update'
            ? (['Will update', 'brand'] as const)
            : (['Already exists', 'amber'] as const);
  return <span className={cx('inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', TONES[tone])}>{label}</span>;
}

function Alert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-inset ring-red-200">
      {children}
    </div>
  );
}

export function CandidateImport({ orgSlug, viewerUserId }: { orgSlug: string; viewerUserId: string }) {
  const ids = { file: useId(), paste: useId(), delimiter: useId(), hint: useId(), onlySkipped: useId() };
  const fileInput = useRef<HTMLInputElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  /** Where keyboard and screen-reader focus goes once the next preview or result is on screen. */
  const focusNext = useRef<'preview' | 'result' | null>(null);

  const [fileCsv, setFileCsv] = useState<{ name: string; size: number; text: string } | null>(null);
  const [pasted, setPasted] = useState('');
  const [delimiter, setDelimiter] = useState<ImportDelimiter | ''>('');
  const [duplicateMode, setDuplicateMode] = useState<DuplicateMode>('skip');
  const [localError, setLocalError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [onlySkipped, setOnlySkipped] = useState(false);
  const [result, setResult] = useState<CommitResult | null>(null);

  const overview = trpc.org.overview.useQuery({ orgSlug });
  const myTeams = (overview.data?.teams ?? []).filter(
    (t) => !t.archivedAt && (overview.data?.viewerRole === 'owner' || overview.data?.viewerRole === 'admin' || t.members.some((m) => m.userId === viewerUserId)),
  );

  // Callbacks go to mutate() rather than here: reset() then silences an answer that is no longer wanted.
  const preview = trpc.import.preview.useMutation();
  const commit = trpc.import.commit.useMutation();

  const csv = fileCsv?.text ?? pasted;

  useEffect(() => {
    const target = focusNext.current === 'preview' ? previewHeading.current : focusNext.current === 'result' ? resultHeading.current : null;
    if (!target) return;
    target.focus();
    focusNext.current = null;
  }, [previewed, result]);

  function startOver() {
    preview.reset();
    commit.reset();
    setPreviewed(null);
    setResult(null);
    setLocalError(null);
  }

  async function onFileChange(event: ChangeEvent<HTMLInputElement>) {
    startOver();
    const file = event.target.files?.[0];
    if (!file) {
      setFileCsv(null);
      return;
    }
    if (/\.(xlsx|xls|ods|numbers)$/i.test(file.name)) {
      setFileCsv(null);
      setLocalError(`${file.name} is a spreadsheet, not a CSV file. Open it and save it as 'CSV UTF-8' first.`);
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setFileCsv(null);
      setLocalError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 2 MB. Split it into files of at most ${count(MAX_IMPORT_ROWS)} rows.`);
      return;
    }
    setReading(true);
    try {
      // Always read as UTF-8: the server recognises text that was not, and says how to export it.
      setFileCsv({ name: file.name, size: file.size, text: await file.text() });
    } catch {
      setLocalError(`${file.name} could not be read. Choose it again.`);
    } finally {
      setReading(false);
    }
  }

  function runPreview(input: Checked, { focus }: { focus: boolean }) {
    commit.reset();
    setResult(null);
    preview.mutate(
      { orgSlug, ...input },
      {
        onSuccess: (data) => {
          if (focus) focusNext.current = 'preview';
          setPreviewed({ data, input });
        },
        onError: () => setPreviewed(null),
      },
    );
  }

  function runCommit(input: Checked) {
    commit.mutate(
      { orgSlug, ...input, confirm: true },
      {
        onSuccess: (data) => {
          focusNext.current = 'result';
          setResult(data);
          setPreviewed(null);
          preview.reset();
        },
      },
    );
  }

  function onCheck(event: FormEvent) {
    event.preventDefault();
    setLocalError(null);
    if (csv.trim() === '') {
      setLocalError('Choose a CSV file or paste its contents first.');
      return;
    }
    runPreview({ csv, delimiter: delimiter || undefined, duplicateMode }, { focus: true });
  }

  function onDuplicateModeChange(mode: DuplicateMode) {
    setDuplicateMode(mode);
    // Which rows are written depends on the mode, so the preview is asked again rather than guessed.
    if (previewed) runPreview({ ...previewed.input, duplicateMode: mode }, { focus: false });
  }

  function clearFile() {
    if (fileInput.current) fileInput.current.value = '';
    setFileCsv(null);
    startOver();
  }

  const data = previewed?.data;
  const fileError = localError ?? errorMessage(preview.error);
  const toWrite = data ? data.counts.toCreate + data.counts.toUpdate : 0;
  const shownRows = data ? (onlySkipped ? data.rows.filter((r) => r.action === 'skip') : data.rows) : [];

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/${orgSlug}/candidates`} className="text-sm font-medium text-brand-700 hover:underline">
          <span aria-hidden="true">← </span>Candidates
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">Import candidates</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Add candidates from a spreadsheet, and optionally the job they applied for and their interview. You see what will happen to every row before anything is
          saved.
        </p>
      </div>

      <Card>
        <h2 className="text-base font-semibold text-slate-900">1. Choose a file</h2>
        <FormatHelp teams={myTeams.map((t) => t.name)} />

        <form onSubmit={onCheck} noValidate className="mt-6 space-y-5">
          <div className="space-y-1.5">
            <label htmlFor={ids.file} className="block text-sm font-medium text-slate-800">
              CSV file
            </label>
            <input
              ref={fileInput}
              id={ids.file}
              type="file"
              accept=".csv,text/csv"
              aria-describedby={ids.hint}
              onChange={onFileChange}
              className="block w-full text-sm text-slate-700 file:mr-4 file:min-h-10 file:rounded-md file:border-0 file:bg-slate-100 file:px-4 file:py-2 file:text-sm file:font-semibold file:text-slate-800 hover:file:bg-slate-200"
            />
            <p id={ids.hint} className="text-sm text-slate-600">
              At most 2 MB and {count(MAX_IMPORT_ROWS)} rows. In Excel or Numbers, save it as &lsquo;CSV UTF-8&rsquo;.
            </p>
            {reading ? (
              <p role="status" className="text-sm text-slate-600">
                Reading the file…
              </p>
            ) : null}
            {fileCsv ? (
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                Using <strong className="font-medium">{fileCsv.name}</strong> ({count(Math.ceil(fileCsv.size / 1024))} KB).
                <button type="button" onClick={clearFile} className="font-medium text-brand-700 underline">
                  Remove
                </button>
              </p>
            ) : null}
          </div>

          {!fileCsv ? (
            <div className="space-y-1.5">
              <label htmlFor={ids.paste} className="block text-sm font-medium text-slate-800">
                Or paste the CSV text
              </label>
              <textarea
                id={ids.paste}
                value={pasted}
                rows={5}
                spellCheck={false}
                placeholder={'name,email,team\nAda Lovelace,ada@example.com,Engineering'}
                onChange={(e) => {
                  setPasted(e.target.value);
                  startOver();
                }}
                className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none"
              />
            </div>
          ) : null}

          <div className="max-w-xs space-y-1.5">
            <label htmlFor={ids.delimiter} className="block text-sm font-medium text-slate-800">
              Column separator
            </label>
            <select
              id={ids.delimiter}
              value={delimiter}
              onChange={(e) => {
                setDelimiter(IMPORT_DELIMITERS.find((d) => d === e.target.value) ?? '');
                startOver();
              }}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none sm:text-sm"
            >
              <option value="">Detect automatically</option>
              {IMPORT_DELIMITERS.map((d) => (
                <option key={d} value={d}>
                  {DELIMITER_NAMES[d].choice}
                </option>
              ))}
            </select>
          </div>

          {fileError ? <Alert>{fileError}</Alert> : null}

          <Button type="submit" disabled={preview.isPending || reading}>
            {preview.isPending ? 'Checking the file…' : 'Check the file'}
          </Button>
        </form>
      </Card>

      {previewed && data ? (
        <Card padded={false}>
          <div className="space-y-4 p-6">
            <h2 ref={previewHeading} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
              2. Check what will be imported
            </h2>
            <p role="status" className="text-sm text-slate-700">
              {summaryOf(data)}
            </p>
            <ColumnMapping columns={data.columns} />

            {data.counts.duplicateExisting > 0 ? (
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-slate-800">
                  {plural(data.counts.duplicateExisting, 'row has an email', 'rows have an email')} already in the agency. For those rows:
                </legend>
                <RadioOption name="duplicateMode" value="skip" current={duplicateMode} onChange={onDuplicateModeChange} disabled={preview.isPending}>
                  Skip those rows: the existing candidates stay as they are
                </RadioOption>
                <RadioOption name="duplicateMode" value="update" current={duplicateMode} onChange={onDuplicateModeChange} disabled={preview.isPending}>
                  Update the existing candidates with the row&rsquo;s non-empty cells, and add the job and interview
                </RadioOption>
              </fieldset>
            ) : null}

            {data.counts.toSkip > 0 ? (
              <div className="flex items-center gap-2">
                <input id={ids.onlySkipped} type="checkbox" checked={onlySkipped} onChange={(e) => setOnlySkipped(e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
                <label htmlFor={ids.onlySkipped} className="text-sm text-slate-800">
                  Show only the rows that will be skipped
                </label>
              </div>
            ) : null}
          </div>

          <PreviewTable rows={shownRows} />
          {data.rowsNotShown > 0 ? (
            <p className="border-t border-slate-200 px-6 py-3 text-sm text-slate-600">
              The first {count(PREVIEW_ROW_LIMIT)} rows and every row that will not simply be created are shown; {plural(data.rowsNotShown, 'more new candidate')} will be
              created as well.
            </p>
          ) : null}

          <div className="space-y-3 border-t border-slate-200 p-6">
            {commit.error ? <Alert>{errorMessage(commit.error)}</Alert> : null}
            {toWrite === 0 ? (
              <p className="text-sm text-slate-700">Nothing to import: correct the rows in your file and check it again.</p>
            ) : (
              <p className="text-sm text-slate-700">
                {[
                  data.counts.toCreate > 0 ? `${plural(data.counts.toCreate, 'candidate')} will be created` : null,
                  data.counts.toUpdate > 0 ? `${plural(data.counts.toUpdate, 'candidate')} updated` : null,
                  data.counts.toSkip > 0 ? `${plural(data.counts.toSkip, 'row')} skipped` : null,
                ]
                  .filter(Boolean)
                  .join(', ')}
                . Everything is saved together, or nothing is.
              </p>
            )}
            <div className="flex flex-wrap gap-3">
              <Button
                type="button"
                disabled={toWrite === 0 || commit.isPending || preview.isPending}
                onClick={() => runCommit(previewed.input)}
              >
                {commit.isPending ? 'Importing…' : `Import ${plural(toWrite, 'candidate')}`}
              </Button>
              <Button type="button" variant="secondary" onClick={clearFile} disabled={commit.isPending}>
                Cancel
              </Button>
            </div>
          </div>
        </Card>
      ) : null}

      {result ? (
        <Card>
          <div role="status">
            <h2 ref={resultHeading} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
              Import finished
            </h2>
            <p className="mt-2 text-sm text-slate-700">
              {plural(result.created, 'candidate')} created, {count(result.updated)} updated, {plural(result.skipped.length, 'row')} skipped.
              {result.jobsCreated > 0 ? ` ${plural(result.jobsCreated, 'new job')} created.` : ''}
              {result.interviewsCreated > 0 ? ` ${plural(result.interviewsCreated, 'interview')} added.` : ''}
            </p>
          </div>
          {result.skipped.length > 0 ? (
            <div className="mt-4">
              <h3 className="text-sm font-semibold text-slate-900">Skipped rows</h3>
              <ul className="mt-2 max-h-80 space-y-1 overflow-y-auto text-sm text-slate-700">
                {result.skipped.map((s) => (
                  <li key={s.row}>
                    <span className="font-medium">Row {s.row}:</span> {s.reason}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="mt-6 flex flex-wrap gap-3">
            <ButtonLink href={`/${orgSlug}/candidates`}>View candidates</ButtonLink>
            <Button type="button" variant="secondary" onClick={clearFile}>
              Import another file
            </Button>
          </div>
        </Card>
      ) : null}
    </div>
  );
}

function summaryOf(data: Preview): string {
  const c = data.counts;
  const parts = [
    plural(c.new, 'new candidate'),
    c.duplicateExisting > 0 ? `${count(c.duplicateExisting)} already in the agency` : null,
    c.duplicateInFile > 0 ? `${count(c.duplicateInFile)} repeated in the file` : null,
    c.errors > 0 ? `${plural(c.errors, 'row')} with errors` : null,
  ].filter(Boolean);
  const jobs = c.newJobs > 0 ? ` ${plural(c.newJobs, 'new job')} will be created.` : '';
  const separator = `Columns are separated by ${DELIMITER_NAMES[data.delimiter].plural}${data.delimiterDetected ? ', as detected from the header row' : ''}.`;
  return `Read ${plural(c.rows, 'row')}: ${parts.join(', ')}.${jobs} ${separator}`;
}

function ColumnMapping({ columns }: { columns: Preview['columns'] }) {
  const ignored = columns.filter((c) => !c.field && c.header !== '');
  return (
    <details className="text-sm text-slate-700">
      <summary className="cursor-pointer font-medium text-slate-800">
        How the columns were read{ignored.length > 0 ? ` (${plural(ignored.length, 'column')} ignored)` : ''}
      </summary>
      <ul className="mt-2 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
        {columns.map((c) => (
          <li key={c.letter}>
            <span className="text-slate-500">{c.letter}</span> {c.header || <em>(no name)</em>} <span aria-hidden="true">→</span>
            <span className="sr-only">is read as</span> {c.field ? <code className="text-slate-900">{c.field}</code> : <em>ignored</em>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  if (rows.length === 0) return <p className="px-6 pb-6 text-sm text-slate-600">No rows to show.</p>;
  return (
    <div className="relative overflow-x-auto border-t border-slate-200" tabIndex={0} role="region" aria-label="Preview of the rows">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">What will happen to each row of the file</caption>
        <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-2">Row</th>
            <th scope="col" className="px-4 py-2">Status</th>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Email</th>
            <th scope="col" className="px-4 py-2">Details</th>
            <th scope="col" className="px-4 py-2">Team</th>
            <th scope="col" className="px-4 py-2">Job</th>
            <th scope="col" className="px-4 py-2">Interview</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((r) => (
            <tr key={r.row} className={cx(r.status === 'error' && 'bg-red-50/40')}>
              <th scope="row" className="px-4 py-2 font-medium text-slate-900">
                {r.row}
              </th>
              <td className="px-4 py-2">
                <StatusBadge row={r} />
              </td>
              <td className="max-w-48 truncate px-4 py-2 text-slate-900" title={r.name}>
                {r.name || <span className="text-slate-400">—</span>}
              </td>
              <td className="max-w-56 truncate px-4 py-2 text-slate-700" title={r.email}>
                {r.email || <span className="text-slate-400">—</span>}
              </td>
              <td className="min-w-64 px-4 py-2 text-slate-700">
                {r.issues.length > 0 ? (
                  <ul className="space-y-0.5 text-red-800">
                    {r.issues.map((issue) => (
                      <li key={describeIssue(issue)}>{describeIssue(issue)}</li>
                    ))}
                  </ul>
                ) : (
                  r.note
                )}
              </td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-700">{r.team ?? ''}</td>
              <td className="px-4 py-2 text-slate-700">
                {r.job ? (
                  <span className="whitespace-nowrap">
                    {r.job.title} at {r.job.clientCompany}
                    {r.job.isNew ? <span className="text-slate-500"> (new job)</span> : null}
                  </span>
                ) : null}
              </td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-700">{r.interview ? `${r.interview.kind}, ${utc(r.interview.startsAt)}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RadioOption({
  name,
  value,
  current,
  onChange,
  disabled,
  children,
}: {
  name: string;
  value: DuplicateMode;
  current: DuplicateMode;
  onChange: (value: DuplicateMode) => void;
  disabled: boolean;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input id={id} type="radio" name={name} value={value} checked={current === value} disabled={disabled} onChange={() => onChange(value)} className="mt-0.5 h-4 w-4" />
      <label htmlFor={id} className="text-sm text-slate-800">
        {children}
      </label>
    </div>
  );
}

function FormatHelp({ teams }: { teams: string[] }) {
  return (
    <div className="mt-3 space-y-3 text-sm text-slate-700">
      <p>
        The first row names the columns; <code>name</code> and <code>email</code> are required. Upper or lower case and spaces in the names do not matter.{' '}
        <a href={templateHref(teams[0] ?? null)} download="afterview-candidates-template.csv" className="font-medium text-brand-700 underline">
          Download a template CSV
        </a>
      </p>
      <details>
        <summary className="cursor-pointer font-medium text-slate-800">All columns and formats</summary>
        <dl className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-[max-content_1fr]">
          <Term name="name, email">Required. A candidate is recognised by email: the same email never makes a second candidate.</Term>
          <Term name="phone, source">Optional, as on the candidate form.</Term>
          <Term name="tags">Separated by ; or |, for example <code>python; remote</code>.</Term>
          <Term name="team">
            The name of a team{teams.length > 0 ? ` you can import into: ${teams.join(', ')}` : ''}. Leave it empty for no team.
          </Term>
          <Term name="owner">The email address of a member of the agency. Empty: you.</Term>
          <Term name="job_title, client_company">
            Optional, together. The job you can see with that title and company is used; if there is none, it is created in the row&rsquo;s team.
          </Term>
          <Term name="stage">applied, screening, interview, offer, hired, rejected or withdrawn. Empty: interview when the row has one, otherwise applied.</Term>
          <Term name="interview_start, interview_end">
            Like <code>2026-03-14 09:30</code>, read as <strong>UTC</strong>, or ISO 8601 with an offset such as <code>2026-03-14T09:30+01:00</code>. Needs a job.
          </Term>
          <Term name="interview_kind">phone, video or onsite.</Term>
          <Term name="interviewers">
            Separated by ;, for example <code>Pat Lee &lt;pat@example.com&gt;; Sam Roe</code>.
          </Term>
        </dl>
        <p className="mt-2">Columns may be separated by commas, semicolons or tabs. Empty rows and columns with other names are ignored.</p>
      </details>
    </div>
  );
}

function Term({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt>
        <code className="font-medium text-slate-900">{name}</code>
      </dt>
      <dd>{children}</dd>
    </>
  );
}
