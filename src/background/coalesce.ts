/**
 * Wraps an async rebuild so only one runs at a time: calls made while one
 * runs fold into a single further run, and every caller's promise settles
 * when the work it asked for is done.
 */
export function coalesce(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
