import { controlClass } from './controls';

const LAYOUTS = {
  /** Labelled fields, each a cell of the filter bar's grid. */
  grid: { field: 'space-y-1.5', label: 'block text-sm font-medium text-slate-800' },
  /** Small labels under a legend that names the range, side by side in a row. */
  compact: { field: 'min-w-40 flex-1 space-y-1 sm:flex-none', label: 'block text-xs text-slate-600' },
};

/**
 * The From and To day pickers of a range filter. Each bounds the other, and while there is an
 * `error` both point at the line that shows it (`ids.error`, rendered by the filter). They render as
 * two siblings, so they fit the parent's grid or row.
 */
export function DateRangeFields({
  from,
  to,
  onChange,
  ids,
  error,
  layout = 'grid',
}: {
  from: string;
  to: string;
  onChange: (from: string, to: string) => void;
  ids: { from: string; to: string; error: string };
  error: string | null;
  layout?: keyof typeof LAYOUTS;
}) {
  const classes = LAYOUTS[layout];
  const state = { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? ids.error : undefined, className: controlClass } as const;
  return (
    <>
      <div className={classes.field}>
        <label htmlFor={ids.from} className={classes.label}>
          From
        </label>
        <input id={ids.from} type="date" value={from} max={to || undefined} onChange={(e) => onChange(e.target.value, to)} {...state} />
      </div>
      <div className={classes.field}>
        <label htmlFor={ids.to} className={classes.label}>
          To
        </label>
        <input id={ids.to} type="date" value={to} min={from || undefined} onChange={(e) => onChange(from, e.target.value)} {...state} />
      </div>
    </>
  );
}
