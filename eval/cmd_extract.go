package eval

import (
	"context"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// extractStage is `extract pairdelim=P kvdelim=K [limit=N] [maxchars=N]
// [clean_keys=bool] [mv_add=bool]` (also `kv`) [D S-extract]: _raw is split
// into pairs at any character of P, each pair into key and value at the
// first character of K. Keys and values are trimmed of spaces and quotes;
// with clean_keys (default true) every character of a key that is not a
// letter, digit or underscore becomes '_' [D]. At most limit pairs
// (default 100) are read from the first maxchars characters (default
// 10240) [D]. A field that already has a value keeps it unless mv_add=t,
// which adds the new value to it [I: Splunk's automatic key/value
// extraction does not replace existing fields]. Named extractors
// (transforms.conf stanzas) and extraction without pairdelim/kvdelim are
// not supported.
type extractStage struct {
	loc      ast.Span
	pairs    string
	kv       string
	limit    int
	maxchars int
	clean    bool
	mvAdd    bool
}

func compileExtract(c *ast.ExtractCommand, e *errs) stage {
	st := &extractStage{loc: c.Loc, limit: 100, maxchars: 10240, clean: true}
	if len(c.Extractors) > 0 {
		e.unsupported(c.Loc, "extract with named extractors (%s) is not supported: spelunk does not read transforms.conf", strings.Join(c.Extractors, ", "))
		return nil
	}
	for _, o := range c.Options {
		v := o.Value.Value()
		switch k := strings.ToLower(o.Key); k {
		case "pairdelim":
			st.pairs = v
		case "kvdelim":
			st.kv = v
		case "limit", "maxchars":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				e.addf(o.Loc, "extract %s=%s: not a count", o.Key, v)
				return nil
			}
			if k == "limit" {
				st.limit = n
			} else {
				st.maxchars = n
			}
		case "clean_keys", "mv_add", "auto", "reload":
			b, ok := ParseBool(v)
			if !ok {
				e.addf(o.Loc, "extract %s=%s: not a boolean", o.Key, v)
				return nil
			}
			if k == "clean_keys" {
				st.clean = b
			} else if k == "mv_add" {
				st.mvAdd = b
			}
		default:
			e.unsupported(o.Loc, "extract option %s is not supported yet", o.Key)
			return nil
		}
	}
	if st.pairs == "" || st.kv == "" {
		e.unsupported(c.Loc, "extract is supported with pairdelim= and kvdelim= only (automatic key=value extraction is not)")
		return nil
	}
	return st
}

func (s *extractStage) name() string   { return "extract" }
func (s *extractStage) span() ast.Span { return s.loc }

func (s *extractStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	g := &cellGuard{span: s.loc, name: "extract", env: env}
	return guarded(g)(extractEach(ctx, in, "_raw", func(out *rowSet, n int, v Value) {
		raw := v.Strings()[0]
		if len(raw) > s.maxchars {
			raw = raw[:s.maxchars]
		}
		acc := &fieldAcc{idx: map[string]int{}}
		count := 0
		for _, pair := range strings.FieldsFunc(raw, func(r rune) bool { return strings.ContainsRune(s.pairs, r) }) {
			if count >= s.limit {
				break
			}
			i := strings.IndexAny(pair, s.kv)
			if i < 0 {
				continue
			}
			key := strings.Trim(pair[:i], " \t\r\n\"'")
			val := strings.Trim(pair[i+1:], " \t\r\n\"'")
			if s.clean {
				key = cleanKey(key)
			}
			if key == "" {
				continue
			}
			acc.add(key, val)
			count++
		}
		if len(acc.names) == 0 {
			return
		}
		cols, ok := g.add(out, acc.names...)
		if !ok {
			return
		}
		row := out.rows[n]
		for i, c := range cols {
			switch {
			case row[c].IsNull():
				row[c] = Multi(acc.vals[i]...)
			case s.mvAdd:
				row[c] = Multi(append(row[c].Strings(), acc.vals[i]...)...)
			}
		}
	}))
}

// cleanKey replaces characters other than letters, digits and '_' by '_'.
func cleanKey(k string) string {
	b := []byte(k)
	for i, c := range b {
		if !(c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			b[i] = '_'
		}
	}
	return string(b)
}
