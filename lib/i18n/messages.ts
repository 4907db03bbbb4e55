import type { Language } from './languages';
import { en, type Messages } from './en';
import { ja } from './ja';

const catalogues: Record<Language, Messages> = { en, ja };

export type { Messages };

export function messagesFor(language: Language): Messages {
  return catalogues[language];
}

/** Replaces {name} placeholders; an unknown placeholder is left visible so it gets noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
