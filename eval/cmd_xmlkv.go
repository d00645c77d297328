package eval

import (
	"context"
	"html"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// xmlkvStage is `xmlkv [field] [maxinputs=N]` [D S-xmlkv]: every
// `<tag>value</tag>` whose value holds no further tag becomes the field tag
// (attributes on the start tag allowed, namespace prefixes kept as
// written). The field defaults to _raw. Values are entity-decoded [I]; a
// tag seen several times gives a multivalue in order [U]; an existing
// field is overwritten. maxinputs is accepted (Splunk's limit on events
// processed per call; local runs have none).
type xmlkvStage struct {
	loc   ast.Span
	field string
}

func compileXmlkv(c *ast.XmlkvCommand, e *errs) stage {
	for _, o := range c.Options {
		if !strings.EqualFold(o.Key, "maxinputs") {
			e.addf(o.Loc, "unknown xmlkv option %q (known: maxinputs)", o.Key)
			return nil
		}
		if _, err := strconv.Atoi(o.Value.Value()); err != nil {
			e.addf(o.Loc, "xmlkv maxinputs=%s: not a number", o.Value.Value())
			return nil
		}
	}
	f := c.Field
	if f == "" {
		f = "_raw"
	}
	return &xmlkvStage{loc: c.Loc, field: f}
}

func (s *xmlkvStage) name() string   { return "xmlkv" }
func (s *xmlkvStage) span() ast.Span { return s.loc }

func (s *xmlkvStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	g := &cellGuard{span: s.loc, name: "xmlkv", env: env}
	return guarded(g)(extractEach(ctx, in, s.field, func(out *rowSet, n int, v Value) {
		acc := &fieldAcc{idx: map[string]int{}}
		for _, text := range v.Strings() {
			xmlPairs(text, acc)
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
			row[c] = Multi(acc.vals[i]...)
		}
	}))
}

// xmlPairs finds <tag ...>text</tag> with no '<' in text.
func xmlPairs(s string, acc *fieldAcc) {
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		j := i + 1
		for j < len(s) && isTagChar(s[j]) {
			j++
		}
		if j == i+1 || j >= len(s) {
			continue
		}
		tag := s[i+1 : j]
		gt := strings.IndexByte(s[j:], '>')
		if gt < 0 {
			return
		}
		if s[j] != '>' && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' {
			continue
		}
		if s[j+gt-1] == '/' { // <tag/>
			continue
		}
		body := j + gt + 1
		lt := strings.IndexByte(s[body:], '<')
		if lt < 0 {
			return
		}
		if strings.HasPrefix(s[body+lt:], "</"+tag+">") {
			acc.add(tag, html.UnescapeString(s[body:body+lt]))
			i = body + lt + len(tag) + 2
		}
	}
}

func isTagChar(c byte) bool {
	return c == '_' || c == ':' || c == '-' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
