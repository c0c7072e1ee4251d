// Recently viewed services, kept in this browser only (the kiosk clears storage after each visitor).
const KEY = 'yw.recentItems';
const MAX = 6;

export type RecentItem = { id: string; name: string };

export function recentItems(): RecentItem[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((x): x is RecentItem => typeof x?.id === 'string' && typeof x?.name === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberItem(item: RecentItem): void {
  try {
    localStorage.setItem(KEY, JSON.stringify([item, ...recentItems().filter((x) => x.id !== item.id)].slice(0, MAX)));
  } catch {
    // Storage full or disabled: the list is a convenience.
  }
}
