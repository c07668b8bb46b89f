/**
 * Answers keep their sources and their rating: `citations` holds the passages the answer marks `[n]`
 * (`[{ index, fileId, fileName, page?, section?, passageId?, snippet }]`), `feedback` the owner's
 * thumbs up/down (`{ rating, comment, at }`, null until rated). Both live on the message row, so they
 * are read, exported and erased with it.
 */
export const migration0008MessageCitations = `
ALTER TABLE messages ADD COLUMN citations jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE messages ADD COLUMN feedback jsonb;
`;
