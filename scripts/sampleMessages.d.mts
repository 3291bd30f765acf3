export const SAMPLE_MESSAGES: Record<string, unknown>[];
export const BROKEN_TARGETING_MESSAGES: Record<string, unknown>[];
export function hostileMessages(): unknown[];
export const SAMPLE_COLLECTIONS: Record<string, unknown[]>;
