export const SAMPLE_RECIPES: Record<string, unknown>[];
