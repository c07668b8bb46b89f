/**
 * The periodic sweep (`recoverAbandoned`) looks for conversation locks that expired: this partial index
 * keeps that a lookup of the few locked conversations instead of a scan of all of them.
 */
export const migration0006AnswerLeases = `
CREATE INDEX conversations_locked ON conversations (busy_until) WHERE busy_token IS NOT NULL;
`;
