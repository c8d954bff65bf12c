/**
 * `scheme://user:password@` anywhere in a text. Matched on text rather than parsed as a URL so
 * it also covers a value that is not a valid URL (the error saying so must not echo it) and
 * URLs inside longer messages.
 */
const URL_USER_INFO = /\b([a-z][a-z\d+.-]*:\/\/)[^\s/?#@"'<>]*@/gi;

/**
 * The text with every URL's user info (user name and password) replaced by `***`, for logs and
 * error messages: `https://user:pass@host` becomes `https://***@host`. The user name goes too,
 * since some services take a token there.
 */
export function maskUrlCredentials(text: string): string {
  return text.replace(URL_USER_INFO, '$1***@');
}

/** The URL without user info, for a link handed to someone else. */
export function withoutUrlCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}
