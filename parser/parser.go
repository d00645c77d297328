package parser

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/spelunk-dev/spelunk/ast"
)

// maxSubsearchDepth bounds [subsearch] nesting so hostile input cannot
// exhaust the stack.
const maxSubsearchDepth = 20

// Parse parses a whole SPL pipeline into an *ast.Query. A query that does
// not start with '|' begins with an implicit search; the tree makes it an
// explicit *ast.SearchCommand. Errors are *Error.
//
// The commands search, tstats, rename and convert get full trees; any other
// command becomes an *ast.GenericCommand holding its raw arguments. Macros
// must already be expanded: a backtick where a command should start is an
// error.
func Parse(query string) (q *ast.Query, err error) {
	defer func() {
		if r := recover(); r != nil {
			q, err = nil, errorf(query, 0, "internal error: %v", r)
		}
	}()
	return parseRange(query, 0, len(query), 0)
}

// ParseSearch parses a search-language expression, the argument of the
// search command or of tstats' where clause, such as a data-model
// constraint `tag=process tag=report`. Errors are *Error.
func ParseSearch(expr string) (e ast.SearchExpr, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, err = nil, errorf(expr, 0, "internal error: %v", r)
		}
	}()
	start, end := trimBounds(expr, 0, len(expr))
	if start == end {
		return nil, errorf(expr, end, "empty search expression")
	}
	c := &converter{query: expr}
	g, err := runParser(exprParser, expr, start, end, searchMode, "search")
	if err != nil {
		return nil, err
	}
	return c.and(g)
}

// parseRange parses query[start:end] as a pipeline; depth counts the
// subsearches around it.
func parseRange(query string, start, end, depth int) (*ast.Query, error) {
	segs, err := splitPipeline(query, start, end)
	if err != nil {
		return nil, err
	}
	qs, qe := trimBounds(query, start, end)
	q := &ast.Query{Loc: ast.Span{Start: ast.Pos(qs), End: ast.Pos(qe)}, Commands: make([]ast.Command, 0, len(segs))}
	c := &converter{query: query, depth: depth}
	for _, s := range segs {
		cmd, err := c.command(s)
		if err != nil {
			return nil, err
		}
		q.Commands = append(q.Commands, cmd)
	}
	return q, nil
}

// command parses one segment of a pipeline.
func (c *converter) command(s segment) (ast.Command, error) {
	ts, te := trimBounds(c.query, s.start, s.end)
	loc := ast.Span{Start: ast.Pos(ts), End: ast.Pos(te)}
	name := commandName(c.query, ts, te)
	if s.pipe < 0 && !isSearchKeyword(c.query, name, ts+len(name), te) {
		// The leading implicit search.
		g, err := runParser(exprParser, c.query, ts, te, searchMode, "search")
		if err != nil {
			return nil, err
		}
		e, err := c.and(g)
		if err != nil {
			return nil, err
		}
		return &ast.SearchCommand{Loc: loc, Expr: e}, nil
	}
	if name == "" {
		if c.query[ts] == '`' {
			return nil, errorf(c.query, ts, "unexpanded macro: expand macros before parsing")
		}
		return nil, errorf(c.query, ts, "expected a command name after %q", '|')
	}
	switch strings.ToLower(name) {
	case "search":
		g, err := runParser(searchParser, c.query, ts, te, searchMode, "search")
		if err != nil {
			return nil, err
		}
		return c.search(g, loc)
	case "tstats":
		g, err := runParser(tstatsParser, c.query, ts, te, tstatsMode, "tstats")
		if err != nil {
			return nil, err
		}
		return c.tstats(g, loc)
	case "rename":
		g, err := runParser(renameParser, c.query, ts, te, asMode, "rename")
		if err != nil {
			return nil, err
		}
		return c.rename(g, loc), nil
	case "convert":
		g, err := runParser(convertParser, c.query, ts, te, asMode, "convert")
		if err != nil {
			return nil, err
		}
		return c.convert(g, loc), nil
	}
	args := strings.TrimSpace(c.query[ts+len(name) : te])
	return &ast.GenericCommand{Loc: loc, Name: strings.ToLower(name), Args: args}, nil
}

// isSearchKeyword reports whether the first command starts with the word
// search (any case) on its own, rather than a term such as search=x.
func isSearchKeyword(query, name string, after, end int) bool {
	if !strings.EqualFold(name, "search") {
		return false
	}
	if after == end {
		return true
	}
	c := query[after]
	return isSpace(c) || c == '(' || c == '[' || c == '"'
}

// commandName returns the command name at query[start:end]: letters,
// digits and '_', starting with a letter or '_'; "" when there is none.
func commandName(query string, start, end int) string {
	i := start
	for i < end {
		c := query[i]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > start && '0' <= c && c <= '9' {
			i++
			continue
		}
		break
	}
	return query[start:i]
}

// runParser lexes query[start:end] in mode m and parses it with p.
func runParser[G any](p *participle.Parser[G], query string, start, end int, m mode, cmd string) (*G, error) {
	toks, err := lex(query, start, end, m)
	if err != nil {
		return nil, err
	}
	peek, err := lexer.Upgrade(&sliceLexer{toks: toks}, tokWS)
	if err != nil {
		return nil, errorf(query, start, "%v", err)
	}
	g, err := p.ParseFromLexer(peek)
	if err != nil {
		return nil, convertError(query, cmd, toks, err)
	}
	return g, nil
}

// convertError turns a participle error into an *Error with a message in
// the user's terms: which token was unexpected and what could stand there.
func convertError(query, cmd string, toks []lexer.Token, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var pe participle.Error
	if !errors.As(err, &pe) {
		return errorf(query, 0, "%s: %v", cmd, err)
	}
	pos := pe.Position().Offset
	var ut *participle.UnexpectedTokenError
	if !errors.As(err, &ut) {
		return errorf(query, pos, "%s: %s", cmd, pe.Message())
	}
	expect := ""
	if m := expectRE.FindStringSubmatch(ut.Message()); m != nil {
		expect = m[1]
	}
	// tstats: a word among the aggregates that is neither count nor
	// func(field) is most likely a misspelt clause keyword.
	if cmd == "tstats" && strings.HasPrefix(expect, "<lparen>") {
		if prev := prevToken(toks, pos); prev != nil && prev.Type == tokWord {
			msg := fmt.Sprintf("tstats: unexpected %q: expected an aggregate such as count or max(field), or from, where, by", prev.Value)
			if kw := nearKeyword(prev.Value, "from", "where", "by"); kw != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", kw)
			}
			return errorf(query, prev.Pos.Offset, "%s", msg)
		}
	}
	what := fmt.Sprintf("%q", ut.Unexpected.Value)
	if ut.Unexpected.EOF() {
		what = "end of command"
	}
	msg := fmt.Sprintf("%s: unexpected %s", cmd, what)
	if expect != "" {
		msg += ": expected " + describeExpect(expect)
	}
	return errorf(query, pos, "%s", msg)
}

var expectRE = regexp.MustCompile(`\(expected (.*)\)$`)

// expectWords maps participle's grammar fragments to the user's terms.
var expectWords = strings.NewReplacer(
	"<lparen>", `"("`,
	"<rparen>", `")"`,
	"<comma>", `","`,
	"<op>", "an operator",
	"<word>", "a word",
	"<string>", "a quoted string",
	"<eof>", "end of command",
	"GLit", "a name or value",
	"GAnd", "a search expression",
	"GOr", "a search expression",
	"GNot", "a search term",
	"GAtom", "a search term",
	"GRenamePair", "a pair such as a AS b",
	"GConv", "a conversion such as ctime(field)",
	"GAgg", "an aggregate such as count or max(field)",
	"GByItem", "a field name",
	`"as"`, "AS",
)

func describeExpect(s string) string {
	if strings.HasPrefix(s, `"as"`) {
		return "AS and a name"
	}
	// Keep the first alternative: participle lists the rest of the rule.
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	return expectWords.Replace(s)
}

// prevToken returns the last significant token before offset pos.
func prevToken(toks []lexer.Token, pos int) *lexer.Token {
	var prev *lexer.Token
	for i := range toks {
		t := &toks[i]
		if t.Pos.Offset >= pos {
			break
		}
		if t.Type != tokWS {
			prev = t
		}
	}
	return prev
}

// nearKeyword returns the keyword w is at most one edit away from, or "".
func nearKeyword(w string, kws ...string) string {
	w = strings.ToLower(w)
	for _, k := range kws {
		if w != k && editDistance(w, k) <= 1 {
			return k
		}
	}
	return ""
}

// editDistance is the Levenshtein distance of two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// trimBounds returns [start, end) without leading and trailing blanks.
func trimBounds(s string, start, end int) (int, int) {
	for start < end && isSpace(s[start]) {
		start++
	}
	for end > start && isSpace(s[end-1]) {
		end--
	}
	return start, end
}
