package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// searchStage filters events or result rows with a search-syntax
// expression [D S-search, spl_semantics.md §4]. As the first command it
// reads the events given to RunRecords; later it filters the rows of the
// command before it.
//
// Matching follows the tstats where clause (match.go): field names are the
// names the rows carry at this point (Processes.dest before a rename, dest
// after it); values match case-insensitively with '*' wildcards; a bare `*`
// keeps every row; a row without the field never matches field=value or
// field!=value, but does match NOT field=value.
//
// Bare keywords (`search wmic`, `search "a b"`) [I, decision]:
//   - when the row has _raw, the keyword must occur in _raw
//     case-insensitively as a whole term: the characters around it must not
//     be letters or digits (Splunk matches indexed terms split at breakers,
//     so `wmic` matches "C:\wmic.exe /node" but not "wmicx"); a keyword
//     with '*' is a wildcard pattern matched anywhere in _raw;
//   - without _raw (results of tstats, stats, ...) the keyword matches when
//     any field value contains it, case-insensitively ('*' a wildcard).
type searchStage struct {
	loc  ast.Span
	cond *cond // nil: keep everything
}

func compileSearch(c *ast.SearchCommand, e *errs) stage {
	if c.Expr == nil {
		return &searchStage{loc: c.Loc}
	}
	env := &condEnv{
		field: func(name string, _ ast.Span) (string, bool) { return name, true },
		term: func(t *ast.SearchTerm) *cond {
			return &cond{op: condTerm, term: compileTerm(t.Value.Value()), span: t.Loc}
		},
		errs: e,
	}
	cd := compileCond(c.Expr, env)
	if cd == nil {
		return nil
	}
	if cd.op == condAll {
		cd = nil
	}
	return &searchStage{loc: c.Loc, cond: cd}
}

func (s *searchStage) name() string   { return "search" }
func (s *searchStage) span() ast.Span { return s.loc }

func (s *searchStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	if s.cond == nil {
		return in, len(in.rows), nil
	}
	out := &rowSet{fields: in.fields}
	for i, r := range in.rows {
		if i&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		if matchRow(s.cond, r, in) {
			out.rows = append(out.rows, r)
		}
	}
	return out, len(in.rows), nil
}

// matchRow evaluates c on one row of rs.
func matchRow(c *cond, r Row, rs *rowSet) bool {
	switch c.op {
	case condAll:
		return true
	case condNone:
		return false
	case condAnd:
		for _, k := range c.kids {
			if !matchRow(k, r, rs) {
				return false
			}
		}
		return true
	case condOr:
		for _, k := range c.kids {
			if matchRow(k, r, rs) {
				return true
			}
		}
		return false
	case condNot:
		return !matchRow(c.kids[0], r, rs)
	case condLeaf:
		return c.leaf.testValue(get(r, rs.col(c.leaf.field)))
	case condTerm:
		if raw := get(r, rs.col("_raw")); raw.k != kindNull {
			return raw.any(c.term.matchRaw)
		}
		for _, v := range r {
			if v.any(c.term.pat.match) {
				return true
			}
		}
		return false
	}
	return false
}

// termMatcher is a compiled bare keyword.
type termMatcher struct {
	pat  *pattern // *kw*: the keyword anywhere in a field value
	lit  string   // lower-cased keyword without wildcards; "" when it has one
	glob *pattern // the keyword with wildcards, for _raw
}

func compileTerm(v string) *termMatcher {
	t := &termMatcher{pat: compilePattern("*" + v + "*")}
	if strings.Contains(v, "*") {
		t.glob = t.pat
	} else {
		t.lit = lower(v)
	}
	return t
}

// matchRaw reports whether the keyword occurs in raw as a whole term.
func (t *termMatcher) matchRaw(raw string) bool {
	if t.glob != nil {
		return t.glob.match(raw)
	}
	if t.lit == "" {
		return true
	}
	lr := lower(raw)
	for off := 0; ; {
		i := strings.Index(lr[off:], t.lit)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(t.lit)
		if (i == 0 || !isWordByte(lr[i-1]) || !isWordByte(t.lit[0])) &&
			(j == len(lr) || !isWordByte(lr[j]) || !isWordByte(t.lit[len(t.lit)-1])) {
			return true
		}
		off = i + 1
	}
}

// isWordByte reports whether c is part of a term: a letter, a digit, or a
// byte of a non-ASCII character.
func isWordByte(c byte) bool {
	return c >= 0x80 || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}
