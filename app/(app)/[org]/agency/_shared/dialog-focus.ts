import { useRef, useState } from 'react';

/**
 * For a dialog whose action removes the row that opened it: the dialog hands focus back to its
 * opener on closing, but that button is gone, so after `arm()` the next close runs `focus` instead.
 */
export function useFocusAfterClose(focus: () => void) {
  const armed = useRef(false);
  return {
    arm() {
      armed.current = true;
    },
    closed() {
      if (!armed.current) return;
      armed.current = false;
      focus();
    },
  };
}

/**
 * The row a confirm dialog asks about, and whether the dialog is open. `done()` closes it once the
 * action succeeded; the row and its button are gone then, so focus moves with `focusAfterDone`.
 */
export function useConfirmRow<T>(focusAfterDone: () => void) {
  const [target, setTarget] = useState<T | null>(null);
  const [open, setOpen] = useState(false);
  const refocus = useFocusAfterClose(focusAfterDone);
  return {
    target,
    open,
    ask(row: T) {
      setTarget(row);
      setOpen(true);
    },
    done() {
      refocus.arm();
      setOpen(false);
    },
    close() {
      setOpen(false);
      refocus.closed();
    },
  };
}
