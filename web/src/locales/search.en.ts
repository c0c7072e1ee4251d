// Catalogue search (portal home): suggestions as one types.
import type { searchZhCN } from './search.zh-CN.js';

export const searchEn: Record<keyof typeof searchZhCN, string> = {
  'search.placeholder': 'Search services by name, keyword or pinyin, e.g. “business licence”, “营业执照”, “yyzz”',
  'search.suggestions': 'Suggestions',
  'search.noSuggestions': 'No matching service: press Enter to search all text',
};
