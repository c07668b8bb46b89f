/** The strings of the conversation list; override them through `<company-chat>`'s `strings`. */
export interface SidebarStrings {
  conversationsLabel: string;
  searchConversations: string;
  rename: string;
  renameLabel: string;
  delete: string;
  confirmDelete: string;
  noConversations: string;
  /** Shown when a search finds no conversation. */
  noMatches: string;
  untitled: string;
}

/** English defaults (part of the lazily loaded conversation list, not of the main bundle). */
export const sidebarStrings: SidebarStrings = {
  conversationsLabel: 'Conversations',
  searchConversations: 'Search conversations',
  rename: 'Rename',
  renameLabel: 'New title',
  delete: 'Delete',
  confirmDelete: 'Confirm delete',
  noConversations: 'No conversations yet',
  noMatches: 'No matches',
  untitled: 'New conversation',
};
