// Catalogue search (portal home): suggestions as one types.
export const searchZhCN = {
  'search.placeholder': '搜索事项名称、关键词或拼音，如“营业执照”“yyzz”“低保”',
  'search.suggestions': '搜索建议',
  'search.noSuggestions': '没有匹配的事项，按回车搜索全文',
};
