package eval

import (
	"context"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// xmlUnescaper replaces the five predefined XML entities.
var xmlUnescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`, "&apos;", "'")

// compileXmlunescape is `xmlunescape [maxinputs=<int>]` [D S-xmlunescape:
// "Un-escapes XML characters, including entity references such as &, <,
// and >, so that they return to their corresponding characters. For
// example, &amp; becomes &"]: the five predefined entities in _raw, left
// to right, so "&amp;lt;" becomes "&lt;" [I]; numeric character
// references are left as written [U]; maxinputs is accepted (spelunk has
// no input limit for it).
func compileXmlunescape(c *ast.SimpleCommand, e *errs) stage {
	for _, o := range c.Options {
		if !strings.EqualFold(o.Key, "maxinputs") {
			e.addf(o.Loc, "unknown xmlunescape option %q", o.Key)
			return nil
		}
		if _, ok := intOption(o, "xmlunescape", e); !ok {
			return nil
		}
	}
	if len(c.Args) > 0 {
		e.addf(c.Loc, "xmlunescape takes no fields")
		return nil
	}
	return &rowsStage{loc: c.Loc, cmd: c.Name, fn: func(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, error) {
		col := in.col("_raw")
		if col < 0 {
			return in, nil
		}
		t := &ticker{ctx: ctx}
		for _, r := range in.rows {
			if err := t.tick(); err != nil {
				return nil, err
			}
			v := get(r, col)
			switch v.k {
			case kindStr:
				r[col] = Str(xmlUnescaper.Replace(v.s))
			case kindMulti:
				vals := make([]string, len(v.mv))
				for i, s := range v.mv {
					vals[i] = xmlUnescaper.Replace(s)
				}
				r[col] = mvOf(vals)
			}
		}
		return in, nil
	}}
}
