// Asks the background for the page's state until it answers. The background
// handles every message that reaches it, but a port can still drop a message
// while the background is being woken or restarted; asking again costs one
// small message, and a page that never hears back would never become ready.

export interface AskOptions {
  /** First wait before asking again; doubles each time up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** Calls ask() now and again after growing delays until answered() is true; returns a cancel function. */
export function askUntilAnswered(ask: () => void, answered: () => boolean, options: AskOptions = {}): () => void {
  const { firstDelayMs = 500, maxDelayMs = 4_000 } = options;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let timer: unknown;
  const attempt = (delay: number) => {
    if (answered()) return;
    ask();
    timer = setTimer(() => attempt(Math.min(delay * 2, maxDelayMs)), delay);
  };
  attempt(firstDelayMs);
  return () => clearTimer(timer);
}
