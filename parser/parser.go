package parser

import (
	"errors"
	"fmt"
	"github.com/spelunk-dev/spelunk/internal/suggest"
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
// The commands Commands lists get full trees; any other command becomes an
// *ast.GenericCommand holding its raw arguments. Macros must already be
// expanded: a backtick where a command should start is an error.
//
// Text longer than DefaultMaxQueryLen is refused (ParseWith sets the
// bound).
func Parse(query string) (q *ast.Query, err error) {
	return ParseWith(query, Options{})
}

// ParseSearch parses a search-language expression, the argument of the
// search command or of tstats' where clause, such as a data-model
// constraint `tag=process tag=report`. Errors are *Error.
func ParseSearch(expr string) (e ast.SearchExpr, err error) {
	if err := checkLen(expr, 0); err != nil {
		return nil, err
	}
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
	g, err := runParser(exprParser, expr, start, end, lexSearch, "search")
	if err != nil {
		return nil, err
	}
	return c.fill(g.X)
}

// leadKind says how the first command of a pipeline may be written.
type leadKind int

const (
	// leadSearch: a top-level query; without '|' it starts with an
	// implicit search.
	leadSearch leadKind = iota
	// leadGenerating: a [subsearch]; as in the top level, but a generating
	// command (commandEntry.generating) may also be written without '|', as in
	// `append [mstats ...]` and `join x [summary model]`.
	leadGenerating
	// leadCommand: a subpipeline (appendpipe, foreach) runs on the current
	// results, so its first word is always a command name: `appendpipe
	// [stats count]`, `foreach * [eval ...]`.
	leadCommand
)

// parseRange parses query[start:end] as a top-level pipeline; depth counts
// the subsearches around it.
func parseRange(query string, start, end, depth int) (*ast.Query, error) {
	return parsePipeline(query, start, end, depth, leadSearch)
}

// parsePipeline parses query[start:end] as a pipeline whose first command
// is written as lead says.
func parsePipeline(query string, start, end, depth int, lead leadKind) (*ast.Query, error) {
	segs, err := splitPipeline(query, start, end)
	if err != nil {
		return nil, err
	}
	qs, qe := trimBounds(query, start, end)
	q := &ast.Query{Loc: ast.Span{Start: ast.Pos(qs), End: ast.Pos(qe)}, Commands: make([]ast.Command, 0, len(segs))}
	c := &converter{query: query, depth: depth, lead: lead}
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
	if s.pipe < 0 && !c.leadsWithCommand(name, ts+len(name), te) {
		// The leading implicit search.
		g, err := runParser(exprParser, c.query, ts, te, lexSearch, "search")
		if err != nil {
			return nil, err
		}
		e, err := c.fill(g.X)
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
	return c.named(strings.ToLower(name), ts, te, loc)
}

// Lexers of the modes, built once.
var (
	lexSearch  = searchMode.lexer()
	lexTstats  = tstatsMode.lexer()
	lexAs      = asMode.lexer()
	lexStats   = statsMode.lexer()
	lexWide    = wideMode.lexer()
	lexClause  = clauseMode.lexer()
	lexReplace = replaceMode.lexer()
	lexDedup   = dedupMode.lexer()

	lexLookup      = lookupMode.lexer()
	lexInputlookup = inputlookupMode.lexer()
	lexTimechart   = timechartMode.lexer()
	lexChart       = chartMode.lexer()
	lexTransaction = transactionMode.lexer()
	lexTop         = topMode.lexer()
	lexMultikv     = multikvMode.lexer()
)

// named parses the command called name (lower case) at query[ts:te] with
// its entry of commandTable (commands.go).
func (c *converter) named(name string, ts, te int, loc ast.Span) (ast.Command, error) {
	if after := ts + len(name); after < te && !endsName(c.query[after]) {
		// `datamodel!x`: the lexers would read one word; Splunk knows no
		// such command.
		j := after
		for j < te && !isSpace(c.query[j]) {
			j++
		}
		return nil, errorf(c.query, ts, "unknown command %q", c.query[ts:j])
	}
	if e := commandTable[name]; e.parse != nil {
		return e.parse(c, name, ts, te, loc)
	}
	args := strings.TrimSpace(c.query[ts+len(name) : te])
	return &ast.GenericCommand{Loc: loc, Name: name, Args: args}, nil
}

// run parses query[ts:te] with p and converts the result with conv.
func run[G any](c *converter, p *participle.Parser[G], lx lexFunc, ts, te int, name string, loc ast.Span,
	conv func(*converter, *G, ast.Span) (ast.Command, error)) (ast.Command, error) {
	g, err := runParser(p, c.query, ts, te, lx, name)
	if err != nil {
		return nil, err
	}
	return conv(c, g, loc)
}

// endsName reports whether byte b may follow a command name.
func endsName(b byte) bool {
	switch b {
	case '[', '(', '"', '`', ',', '\'':
		return true
	}
	return isSpace(b)
}

// leadsWithCommand reports whether the first segment of the pipeline,
// whose first word is name, starts with a command rather than with an
// implicit search (see leadKind).
func (c *converter) leadsWithCommand(name string, after, end int) bool {
	switch c.lead {
	case leadCommand:
		return name != ""
	case leadGenerating:
		if after == end || isSpace(c.query[after]) {
			if commandTable[strings.ToLower(name)].generating {
				return true
			}
		}
	}
	return isSearchKeyword(c.query, name, after, end)
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
func runParser[G any](p *participle.Parser[G], query string, start, end int, lx lexFunc, cmd string) (*G, error) {
	toks, err := lx(query, start, end)
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
	var re *rawError
	if errors.As(err, &re) {
		return errorf(query, re.pos.Offset, "%s", re.msg)
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
	// key=value where the key is no option of the command.
	if ut.Unexpected.Type == tokOp && ut.Unexpected.Value == "=" {
		if prev := prevToken(toks, pos); prev != nil && prev.Type == tokWord {
			msg := fmt.Sprintf("%s: unknown option %q", cmd, prev.Value)
			if kw := nearKeyword(prev.Value, knownOptions[cmd]...); kw != "" {
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

// knownOptions are the options of commands whose grammar names them, for
// "did you mean" hints.
var knownOptions = map[string][]string{
	"fillnull": {"value"},
	"convert":  {"timeformat"},
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
	"SearchExpr", "a search expression",
	"Expr", "an expression",
	"GRenamePair", "a pair such as a AS b",
	"GConv", "a conversion such as ctime(field)",
	"GAgg", "an aggregate such as count or max(field)",
	"GByItem", "a field name",
	"GStatsAgg", "an aggregate such as count or values(field)",
	"GChartItem", "an aggregate such as count or values(field)",
	"GLookupField", "a field name",
	"<subsearch>", "a [subsearch]",
	"GSub", "a [subsearch]",
	`"as"`, "AS",
)

func describeExpect(s string) string {
	if strings.HasPrefix(s, `"as"`) {
		return "AS and a name"
	}
	if strings.HasPrefix(s, `"with"`) {
		return "WITH and a value"
	}
	// A repeated or sequenced rule: name only its first element.
	for _, first := range []string{"GSub", "(GChartItem"} {
		if strings.HasPrefix(s, first) {
			return expectWords.Replace(strings.TrimPrefix(first, "("))
		}
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
		if w != k && suggest.Distance(w, k) <= 1 {
			return k
		}
	}
	return ""
}

// trimBounds returns [start, end) without leading and trailing blanks and
// ```comments```.
func trimBounds(s string, start, end int) (int, int) {
	for start < end {
		if isSpace(s[start]) {
			start++
			continue
		}
		if isComment(s, start, end) {
			if j := skipComment(s, start, end); j > 0 {
				start = j
				continue
			}
		}
		break
	}
	for end > start && isSpace(s[end-1]) {
		end--
	}
	if end-start >= 6 && s[end-3:end] == "```" {
		// A trailing comment: find where the last one opens, scanning
		// forward so that quotes and earlier comments are skipped.
		last := lastSignificantEnd(s, start, end)
		if last < end {
			return trimBounds(s, start, last)
		}
	}
	return start, end
}

// lastSignificantEnd returns the end of the last byte of s[start:end] that
// is neither blank nor inside a ```comment```, scanning forward.
func lastSignificantEnd(s string, start, end int) int {
	last := start
	for i := start; i < end; {
		switch {
		case s[i] == '"':
			j := skipString(s, i, end)
			if j < 0 {
				return end
			}
			i, last = j, j
		case isComment(s, i, end):
			j := skipComment(s, i, end)
			if j < 0 {
				return end
			}
			i = j
		case isSpace(s[i]):
			i++
		default:
			i++
			last = i
		}
	}
	return last
}
