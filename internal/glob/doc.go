// Package glob matches strings against SPL's wildcard patterns. In all
// but Like, '*' stands for any run of characters (none included) and every
// other character is literal:
//
//   - Glob: field-name patterns (rename, table, fields, convert, stats
//     AS) and lookup WILDCARD values, case-sensitive, with what each '*'
//     matched (Capture) and the reverse substitution (Expand);
//   - Search: values in search syntax (field=value), case-insensitive,
//     with CIDR subnets;
//   - Like: SQL LIKE patterns of like() and LIKE, where '%' is the
//     wildcard and '_' matches one character;
//   - Lower: the ASCII fast path of strings.ToLower the matchers share.
package glob
