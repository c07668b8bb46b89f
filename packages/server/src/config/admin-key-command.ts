/**
 * A shell command that prints a valid `COMPANY_CHAT_ADMIN_KEY` (`cc_live_` + 40 letters or digits),
 * quoted in docs/configuration.md and in the start-up error. Each character is drawn with
 * `crypto.randomInt(62)`, so the key always has the full length and no character is likelier than
 * another (cutting base64 down to letters and digits left it short in most runs).
 */
export const ADMIN_KEY_COMMAND =
  "node -e \"const a='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',{randomInt}=require('crypto');console.log('cc_live_'+Array.from({length:40},()=>a[randomInt(62)]).join(''))\"";
