/** The native selects and date inputs of the agency pages' filter bars look alike. */
export const controlClass =
  'block h-10 w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 sm:text-sm';
