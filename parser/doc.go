// Package parser parses SPL (Splunk's Search Processing Language) into the
// trees of package ast.
//
// Parse takes a whole pipeline after macro expansion. It works in three
// steps:
//
//  1. splitPipeline cuts the text at each '|' outside double quotes,
//     [subsearches] and parentheses (`| eval x="a|b"` stays whole), and
//     reports unbalanced quotes and brackets and empty commands.
//  2. Each command is lexed by the hand-written lexer (lexer.go) in the mode
//     its grammar needs, then parsed by a participle grammar (grammar.go):
//     search and the leading implicit search, tstats, rename, convert, eval,
//     where, stats/eventstats/streamstats, table, fields, fillnull,
//     replace, addtotals, sort, head, tail, dedup, bin/bucket, mvexpand,
//     makemv, makeresults, lookup, inputlookup, outputlookup, rex, regex,
//     spath, xmlkv, fromjson, extract (kv), multikv, iplocation, join,
//     append, appendcols, appendpipe, foreach, map, transaction, mstats,
//     from, datamodel, timechart, top and rare (see named in parser.go).
//     Any other command (apply, summary, collect, cyberchef, the
//     spelunk_app_macro placeholder, ...) becomes an ast.GenericCommand
//     with its raw argument text.
//  3. convert.go turns the grammar structs into ast nodes, with byte spans
//     into the query; a [subsearch] inside a search expression is parsed
//     recursively into an ast.SearchSubsearch.
//
// # Search syntax decisions
//
//   - Precedence: NOT binds tightest, then OR, then AND, written or implicit:
//     `a=1 OR b=2 c=3` is (a=1 OR b=2) AND c=3, as in Splunk's search
//     command. Parentheses are kept as ast.SearchGroup.
//   - AND, OR, NOT and IN are operators only in upper case; a lower-case
//     `or` is an ordinary term. IN needs a '(' after it (`f IN(a,b)` is
//     fine). Inside an IN list commas are optional and may repeat:
//     `IN ("a",, "b",)` and `IN ("a" "b")` are in production detections.
//   - `field = value` may have blanks around the operator. A word right
//     after an operator is a value and may contain = < > ! (`x=a=b`), and
//     parentheses it opens itself (`process=*GetCurrent()*`,
//     `_time>=relative_time(now(), "-1d")` is one comparison whose value is
//     the text `relative_time(now(), "-1d")`, as Splunk's search compares it
//     literally).
//   - Double-quoted strings take \" and \\ escapes; ast.Literal keeps Raw as
//     written and Value applies them. Outside quotes a backslash keeps a
//     following '"' or '\' in the word (`x=*\"k\":true*` is one word whose
//     Raw and Value both hold the backslashes) and is otherwise ordinary
//     (`path=C:\Windows\*`).
//   - A quoted string before an operator is a field name: `"Search Name"=x`.
//   - Outside an IN list, ',' is an ordinary byte in search syntax
//     (`search a,b` is one term); in tstats, rename and convert it separates
//     items and is optional (a trailing one is accepted).
//
// # Commands
//
//   - Command names are case-insensitive; trees store them in lower case
//     (GenericCommand.Name too), so String prints them in lower case.
//   - tstats: `tstats [key=value...] agg... [from datamodel=M[.D]]
//     [where expr] [by f... [span=S]...]`. An aggregate is func(field) with
//     any function name, stored in lower case, or a bare count (or c); each
//     may have `as name`. FROM, WHERE, BY, AS are keywords in any case when
//     they stand outside parentheses and not right after an operator; so a
//     bare search term `by` cannot appear in a tstats where clause (write
//     "by"). span= may stand anywhere in the by list and goes to BySpan.
//   - rename: `rename a AS b, c* AS d*`, AS in any case, commas optional,
//     names bare or quoted.
//   - convert: `convert [timeformat=F] func(field) [AS name] ...`.
//
// # Nested pipelines
//
//   - join, append and appendcols take a [subsearch], parsed into an
//     *ast.Query. As at the top level, a subsearch without a leading '|'
//     starts with an implicit search, except that a generating command
//     (mstats, tstats, inputlookup, summary, from, datamodel, rest, ... see
//     commandTable) may stand first without '|': `append [mstats
//     ...]` and `join x [summary model]` are in production detections. The
//     printer always writes `[| mstats ...]`.
//   - appendpipe and foreach take a subpipeline that runs on the current
//     results: its first word is always a command (`appendpipe [stats
//     count]`).
//   - foreach keeps its template verbatim (ForeachCommand.Template) and
//     parses it into Body with <<FIELD>>, <<MATCHSTR>>, <<MATCHSEG1..3>>
//     and <<ITEM>> replaced by same-length placeholders (__FIELD__, ...;
//     see ast.ForeachPlaceholders), so Body's spans are offsets of the
//     query. ForeachCommand.Instantiate fills them in per field.
//   - map's search="..." stays a string: its $tokens$ (and any macros)
//     are filled in per result at run time.
//   - transaction's startswith=/endswith= take (search expr), "search
//     expr" or eval(expr); a bare word is read as the parenthesised form.
//     `eval(` is an eval island even right after '=' outside parentheses.
//   - Options of the new commands are checked against the keys Splunk
//     documents (options.go), with a "did you mean" hint.
//   - timechart's where clause (`where count in top5`) filters series and
//     is kept as text.
//
// # Eval syntax (eval, where, head, stats' func(eval(...)))
//
// ParseExpr and the eval-syntax commands use lexExpr (lexer_expr.go) and a
// precedence climber (expr.go) registered with participle.ParseTypeWith and
// driven by ast's operator table (BinaryOp.Precedence):
//
//   - and/or/xor/like/not/in in any case; the tree stores ast.BinAnd etc.
//     `!` is NOT, `==` is kept as ast.BinEqEq. like(...) and in(...)
//     written where an operand is expected are function calls (CallExpr);
//     `x IN (...)` is an InExpr.
//   - '.' rule: inside an unquoted name a '.' followed by a name byte
//     (letter, digit, _ { } @ $ :) continues the name (Processes.dest,
//     a{}.b); any other '.' is concatenation (`a."x"`, `a . b`, `"%".x`).
//   - 'single quotes' name a field (FieldExpr.Quoted), with \' and \\
//     escapes; "double quotes" are strings kept Raw.
//   - Numbers are kept as written; a minus sign is a UnaryExpr. A prefix
//     operator's operand binds at least as tightly as its context
//     (`a = NOT b = c` is (a = NOT b) = c), which the printer mirrors.
//   - eval targets (first and after each top-level comma) run to '=', so
//     `eval feature_-value=1` works; `{f}` and 'quoted' targets too.
//
// Search expressions (search, tstats where) are parsed by the hand-written
// parseSearchTokens, also a ParseTypeWith hook, for speed.
//
// # Comments
//
// ```comments``` (which may hold '|') are skipped by the pipeline split and
// the lexers wherever blanks may stand; trees do not keep them.
//
// # Errors
//
// Every error is an *Error holding a byte offset into the query; Error()
// says "line:col: msg" with 1-based line and column, the column counted in
// runes, and its Code is diag.CodeParseError. Snippet draws the line
// with a caret (diag.Caret, the renderer every spelunk error uses). Positions inside a subsearch
// are offsets of the whole query.
package parser
