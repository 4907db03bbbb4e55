import type { Language } from './languages';
import { en, type Messages } from './en';
import { ja } from './ja';

const catalogues: Record<Language, Messages> = { en, ja };

export type { Messages };
export { format } from './format';

export function messagesFor(language: Language): Messages {
  return catalogues[language];
}
