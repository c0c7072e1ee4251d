/**
 * Who may see and apply for an item: anyone, once it is published; an unpublished item (being
 * prepared, or withdrawn) is answered as not found in the portal and refused at submission.
 */
export function isItemOffered(item: { published: boolean }): boolean {
  return item.published;
}
