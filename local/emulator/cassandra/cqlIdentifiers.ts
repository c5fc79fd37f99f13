// CQL identifiers as statements write them (cql3 Lexer IDENT / QUOTED_NAME): unquoted ones are case-insensitive,
// double-quoted ones keep their case and write a quote as "".
export const IDENTIFIER = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w]*)`;

export function identifier(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}
