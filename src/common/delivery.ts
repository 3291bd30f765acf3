// Page-to-background delivery. A port drops what is posted while the
// background is being suspended, so every page message carries a sequence
// number, the background acknowledges each one it receives, and a page posts
// what is unacknowledged again on its next port. The background handles a
// page's sequence numbers once each, so a message posted twice acts once.

/** The background's answer to page message `ack` (and, ports being ordered, to every earlier one). */
export interface Ack {
  ack: number;
}

export function isAck(message: unknown): message is Ack {
  return typeof message === 'object' && message !== null && Number.isSafeInteger((message as Ack).ack);
}

/** The sequence number a page message carries, or null when it has none. */
export function sequenceOf(message: unknown): number | null {
  const seq = typeof message === 'object' && message !== null ? (message as { seq?: unknown }).seq : undefined;
  return Number.isSafeInteger(seq) && (seq as number) > 0 ? (seq as number) : null;
}
