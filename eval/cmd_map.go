package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// mapStage is `map search="..." [maxsearches=N]` [D S-map]: for each of
// the first maxsearches (default 10) current results it runs the search
// with every $field$ token replaced by that result's value of field, and
// outputs all the searches' results, in order.
//
//   - the search is text: after substitution it is macro-expanded and
//     parsed per result at run time by Options.ParseSearch (the host wires
//     it to the macros and parser packages; eval imports neither). Without
//     ParseSearch map is an "unsupported" compile error;
//   - a token whose field the result lacks becomes the empty string [U];
//     a multivalue field gives its values joined by a space [U]; `$$` is
//     not special;
//   - each search reads the main search's input, like a subsearch;
//   - results beyond maxsearches are not searched (Splunk adds a message;
//     spelunk has no message channel) [D];
//   - `map savedsearch` runs a search stored on a Splunk server: refused.
//
// At compile time the search is checked once with every token replaced by
// a placeholder value: commands spelunk cannot run are reported there (so
// `spelunk check` counts them), syntax errors only at run time, because a
// token's value may be what makes the text valid.
type mapStage struct {
	loc      ast.Span
	template string
	max      int
	opts     *Options
	// wildcard is the search with every token replaced by *, compiled:
	// every search map can make reads a subset of the events it reads
	// (eventFilters); nil when that search does not compile.
	wildcard *Program
}

func compileMap(c *ast.MapCommand, opts *Options, e *errs) stage {
	if c.Saved != nil {
		e.refused(c.Loc, "map %s runs a saved search stored on a Splunk server", c.Saved.Value())
		return nil
	}
	st := &mapStage{loc: c.Loc, max: 10, opts: opts}
	nerr := len(e.list)
	hasSearch := false
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "search":
			st.template, hasSearch = o.Value.Value(), true
		case "maxsearches":
			if n, ok := intOption(o, "map", e); ok {
				if n <= 0 {
					e.addf(o.Loc, "map maxsearches=%d: must be positive", n)
				}
				st.max = n
			}
		default:
			e.addf(o.Loc, "unknown map option %q", o.Key)
		}
	}
	if !hasSearch {
		e.addf(c.Loc, "map needs search=\"...\" or a saved search name")
	}
	if opts == nil || opts.ParseSearch == nil {
		e.unsupported(c.Loc, "map needs a search parser at run time: the host must set eval.Options.ParseSearch")
	}
	if len(e.list) > nerr {
		return nil
	}
	// Probe: report what can never run, whatever the tokens hold.
	if q, err := opts.ParseSearch(substituteTokens(st.template, func(string) string { return "spelunk_token" })); err == nil {
		var pe errs
		compileSub(q, c.Loc, opts, &pe)
		for _, x := range pe.list {
			if k := x.Class(); k == diag.ClassUnsupported || k == diag.ClassRefused {
				e.add(&Error{Span: c.Loc, Code: x.Code, Msg: "map search: " + x.Msg})
			}
		}
	}
	if len(e.list) > nerr {
		return nil
	}
	if q, err := opts.ParseSearch(substituteTokens(st.template, func(string) string { return "*" })); err == nil {
		var we errs
		if p := compileSub(q, c.Loc, opts, &we); len(we.list) == 0 {
			st.wildcard = p
		}
	}
	return st
}

func (s *mapStage) name() string   { return "map" }
func (s *mapStage) span() ast.Span { return s.loc }

// readsEvents: the searches are only known at run time; assume they read
// events (every map search in security_content does).
func (s *mapStage) readsEvents() bool { return true }

func (s *mapStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	out := &rowSet{}
	for i, row := range in.rows {
		if i >= s.max {
			break
		}
		text := substituteTokens(s.template, func(name string) string {
			v := get(row, in.col(name))
			return strings.Join(v.Strings(), " ")
		})
		q, err := s.opts.ParseSearch(text)
		if err != nil {
			return nil, 0, &Error{Span: s.loc, Code: diag.CodeRuntimeError, Msg: "map search " + quoteShort(text) + ": " + err.Error()}
		}
		var e errs
		p := compileSub(q, s.loc, s.opts, &e)
		if err := e.err(); err != nil {
			return nil, 0, relocate(err, s.loc, "map search "+quoteShort(text)+": ")
		}
		res, err := runSub(ctx, env, p, nil, 0)
		if err != nil {
			return nil, 0, err
		}
		out = appendRows(out, res)
		if len(out.rows) > env.maxRows {
			return nil, 0, limitAt(s.loc, "map produced more than the limit of %d rows", env.maxRows)
		}
	}
	if out.rows == nil {
		out.rows = []Row{}
	}
	return out, len(in.rows), nil
}

// substituteTokens replaces each $name$ in s by f(name).
func substituteTokens(s string, f func(string) string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '$')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '$')
		if j < 0 {
			break
		}
		name := s[i+1 : i+1+j]
		if name == "" || strings.ContainsAny(name, " \t\n\"'") {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(f(name))
		s = s[i+2+j:]
	}
	b.WriteString(s)
	return b.String()
}

// relocate moves the errors of a search parsed from other text to span
// loc, prefixing their messages.
func relocate(err error, loc ast.Span, prefix string) error {
	var l errs
	addCompileErr(&l, loc, err)
	for _, x := range l.list {
		x.Span, x.Msg = loc, prefix+x.Msg
	}
	return l.err()
}

// quoteShort quotes s for a message, shortened to 80 bytes.
func quoteShort(s string) string {
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return `"` + s + `"`
}
