package eval

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/pcre"
)

// sedStage is `rex [field=f] mode=sed "expr"` [D S-rex]: expr is
//
//   - s/regex/replacement/flags: replace the first match (flag g: every
//     match; flag N, a number: only the Nth); in the replacement \0..\9
//     stand for the groups and \\ for a backslash [D: "use \n for
//     backreferences"]; '&' is literal (Splunk documents only \n);
//   - y/abc/xyz/: replace each character of the first list by the one at
//     the same position in the second (equal lengths).
//
// The delimiter is the character after s or y (usually /); it may be
// escaped with a backslash inside the parts. A multivalue field is
// rewritten value by value; a null field is left null.
type sedStage struct {
	loc   ast.Span
	field string
	re    *pcre.Regexp
	repl  string
	nth   int // 0: every match (g); N: the Nth only
	from  []rune
	to    []rune
}

func compileSed(c *ast.RexCommand, field string, opts *Options, e *errs) stage {
	expr := c.Regex.Value()
	st := &sedStage{loc: c.Loc, field: field}
	bad := func(why string) stage {
		e.addf(c.Loc, "rex mode=sed: %q is not a sed expression: %s", expr, why)
		return nil
	}
	if len(expr) < 2 || (expr[0] != 's' && expr[0] != 'y') {
		return bad("it must be s/regex/replacement/flags or y/abc/xyz/")
	}
	delim, size := utf8.DecodeRuneInString(expr[1:])
	parts := splitSed(expr[1+size:], delim)
	if len(parts) != 3 {
		return bad("it needs three delimited parts")
	}
	if expr[0] == 'y' {
		st.from, st.to = []rune(unescapeDelim(parts[0], delim)), []rune(unescapeDelim(parts[1], delim))
		if len(st.from) != len(st.to) {
			return bad("the two character lists of y differ in length")
		}
		if parts[2] != "" {
			return bad("y takes no flags")
		}
		return st
	}
	re, err := pcre.Compile(unescapeDelim(parts[0], delim), opts.RegexTimeout)
	if err != nil {
		e.addf(c.Loc, "rex mode=sed: %v", err)
		return nil
	}
	st.re, st.repl, st.nth = re, unescapeDelim(parts[1], delim), 1
	switch flags := parts[2]; {
	case flags == "":
	case flags == "g":
		st.nth = 0
	default:
		n, err := strconv.Atoi(flags)
		if err != nil || n < 1 {
			return bad("flags must be g or a positive number")
		}
		st.nth = n
	}
	return st
}

// splitSed splits at unescaped delimiters: the parts keep their escapes.
func splitSed(s string, delim rune) []string {
	var parts []string
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\\' && i+n < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[i+n:])
			b.WriteRune(r)
			b.WriteRune(r2)
			i += n + n2
			continue
		}
		if r == delim {
			parts = append(parts, b.String())
			b.Reset()
		} else {
			b.WriteRune(r)
		}
		i += n
	}
	if b.Len() > 0 {
		parts = append(parts, b.String())
	} else if len(parts) == 2 {
		parts = append(parts, "")
	}
	return parts
}

// unescapeDelim turns \<delim> into <delim>, leaving other escapes.
func unescapeDelim(s string, delim rune) string {
	return strings.ReplaceAll(s, `\`+string(delim), string(delim))
}

func (s *sedStage) name() string   { return "rex" }
func (s *sedStage) span() ast.Span { return s.loc }

func (s *sedStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	out := &rowSet{fields: in.fields, rows: in.rows}
	c := out.col(s.field)
	if c < 0 {
		return out, len(in.rows), nil
	}
	for n, row := range out.rows {
		if n&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		v := row[c]
		if v.IsNull() {
			continue
		}
		vals := v.Strings()
		for i, x := range vals {
			y, err := s.apply(x)
			if err != nil {
				return nil, 0, errAt(s.loc, "rex mode=sed: %v", err)
			}
			vals[i] = y
		}
		if len(vals) == 1 && v.IsNum() {
			row[c] = Str(vals[0])
			continue
		}
		row[c] = Multi(vals...)
	}
	return out, len(in.rows), nil
}

func (s *sedStage) apply(x string) (string, error) {
	if s.re == nil {
		return strings.Map(func(r rune) rune {
			for i, f := range s.from {
				if f == r {
					return s.to[i]
				}
			}
			return r
		}, x), nil
	}
	limit := s.nth
	ms, err := s.re.FindAllIndex(x, limit)
	if err != nil {
		return "", err
	}
	if s.nth > 0 {
		if len(ms) < s.nth {
			return x, nil
		}
		ms = ms[s.nth-1:]
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		b.WriteString(x[last:m[0]])
		expandRepl(&b, s.repl, x, m)
		last = m[1]
	}
	b.WriteString(x[last:])
	return b.String(), nil
}

// expandRepl writes repl with \0..\9 replaced by the groups of m in x.
func expandRepl(b *strings.Builder, repl, x string, m pcre.Loc) {
	for i := 0; i < len(repl); i++ {
		ch := repl[i]
		if ch == '\\' && i+1 < len(repl) {
			d := repl[i+1]
			switch {
			case '0' <= d && d <= '9':
				g := int(d - '0')
				if 2*g+1 < len(m) && m[2*g] >= 0 {
					b.WriteString(x[m[2*g]:m[2*g+1]])
				}
				i++
				continue
			case d == '\\':
				b.WriteByte('\\')
				i++
				continue
			}
		}
		b.WriteByte(ch)
	}
}
