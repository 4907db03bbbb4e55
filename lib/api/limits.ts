/** Ceremony bodies are a few kilobytes; anything far beyond is a mistake or an attack. */
export const MAX_BODY_BYTES = 64 * 1024;
