// Where the new tab's two scripts meet. The boot script is a classic script
// (it runs while the page parses, so its tiles are in the first frame) and
// cannot name the app's hashed module files; the app's module entry runs once
// parsing is done, always after it. The boot script may hold the app back
// until the frame with its tiles is out; the entry starts the app once it is
// not held, or when the hold ends.

interface Gate {
  held: boolean;
  start?: () => void;
}

type GateHolder = { __oasAppGate?: Gate };

/** The boot path: the app waits for releaseApp(). */
export function holdApp(win: object = globalThis): void {
  (win as GateHolder).__oasAppGate = { held: true };
}

/** The boot path: the app may load now (idempotent). */
export function releaseApp(win: object = globalThis): void {
  const gate = (win as GateHolder).__oasAppGate;
  if (!gate?.held) return;
  gate.held = false;
  gate.start?.();
}

/** The app's entry: runs `start` now, or once the boot path's hold ends. */
export function startAppWhenReleased(start: () => void, win: object = globalThis): void {
  const gate = (win as GateHolder).__oasAppGate;
  if (gate?.held) gate.start = start;
  else start();
}
