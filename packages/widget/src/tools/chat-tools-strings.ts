/** The strings of "More actions" (my files, export); override them through `<company-chat>`'s `strings`. */
export interface ChatToolsStrings {
  myFiles: string;
  /** `{name}` is replaced. */
  deleteFile: string;
  noFiles: string;
  /** The file's place: one chat, all chats, or shared by the organisation. */
  fileInChat: string;
  fileInOtherChat: string;
  fileInAllChats: string;
  fileShared: string;
  processing: string;
  /** `{name}` is replaced. */
  fileDeleted: string;
  failed: string;
  exportMarkdown: string;
  exportJson: string;
  /** `{message}` is replaced. */
  actionFailed: string;
  close: string;
}

/** English defaults (part of the lazily loaded "More actions", not of the main bundle). */
export const chatToolsStrings: ChatToolsStrings = {
  myFiles: 'My files',
  deleteFile: 'Delete {name}',
  noFiles: 'No files yet',
  fileInChat: 'this chat',
  fileInOtherChat: 'another chat',
  fileInAllChats: 'all chats',
  fileShared: 'shared',
  processing: 'processing…',
  fileDeleted: '{name} deleted',
  failed: 'failed',
  exportMarkdown: 'Export as Markdown',
  exportJson: 'Export as JSON',
  actionFailed: 'That did not work: {message}',
  close: 'Close',
};
