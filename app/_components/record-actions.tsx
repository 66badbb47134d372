'use client';

import { useState, type ReactNode } from 'react';
import { ConfirmDialog, Dialog } from '@/app/_components/dialog';
import { Button } from '@/app/_components/ui';

/**
 * "Edit" and "Archive / Restore" for one record (a candidate, a job): the buttons, the edit dialog
 * and the confirmation. The caller owns the mutations; `close` is handed back for their success.
 */
export function RecordActions({
  name,
  archived,
  editLabel,
  editTestId,
  onOpen,
  editForm,
  archive,
  archiveNote,
  restoreNote,
}: {
  name: string;
  archived: boolean;
  editLabel: string;
  editTestId: string;
  /** Clears a previous mutation's error before a dialog opens. */
  onOpen: () => void;
  editForm: (close: () => void) => ReactNode;
  archive: { pending: boolean; error?: string; run: (close: () => void) => void };
  archiveNote: ReactNode;
  restoreNote: ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const open = (set: (v: boolean) => void) => () => {
    onOpen();
    set(true);
  };

  return (
    <div className="flex flex-wrap gap-2">
      <Button type="button" variant="secondary" onClick={open(setEditing)}>
        {editLabel}
      </Button>
      <Button type="button" variant="secondary" onClick={open(setConfirming)}>
        {archived ? 'Restore' : 'Archive'}
      </Button>
      <Dialog open={editing} onClose={() => setEditing(false)} title={editLabel} testId={editTestId}>
        {editForm(() => setEditing(false))}
      </Dialog>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={archived ? `Restore ${name}?` : `Archive ${name}?`}
        confirmLabel={archived ? 'Restore' : 'Archive'}
        pendingLabel={archived ? 'Restoring…' : 'Archiving…'}
        tone={archived ? 'primary' : 'danger'}
        pending={archive.pending}
        error={archive.error}
        onConfirm={() => archive.run(() => setConfirming(false))}
      >
        {archived ? restoreNote : archiveNote}
      </ConfirmDialog>
    </div>
  );
}
