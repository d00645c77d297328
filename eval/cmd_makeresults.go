package eval

import (
	"context"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// makeresultsStage is `| makeresults [count=N]` [D S-makeresults]: N rows
// (default 1), each with only _time = Options.Now (whole seconds).
// annotate=true also adds host, source, sourcetype, splunk_server and
// splunk_server_group, all null here [I]. format=/data= are not supported.
type makeresultsStage struct {
	loc      ast.Span
	count    int
	annotate bool
}

func compileMakeresults(c *ast.MakeresultsCommand, e *errs) stage {
	st := &makeresultsStage{loc: c.Loc, count: 1}
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "count":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				e.addf(o.Loc, "makeresults count=%s: not a count", v)
			}
			st.count = n
		case "annotate":
			b, ok := ParseBool(v)
			if !ok {
				e.addf(o.Loc, "makeresults annotate: %q is not a boolean", v)
			}
			st.annotate = b
		case "splunk_server", "splunk_server_group":
		default:
			e.unsupported(o.Loc, "makeresults option %s is not supported yet", o.Key)
		}
	}
	return st
}

func (s *makeresultsStage) name() string   { return "makeresults" }
func (s *makeresultsStage) span() ast.Span { return s.loc }
func (*makeresultsStage) generates()       {}

func (s *makeresultsStage) run(ctx context.Context, env *runEnv, _ *rowSet) (*rowSet, int, error) {
	tk := &ticker{ctx: ctx}
	if s.count > env.maxRows {
		return nil, 0, limitAt(s.loc, "makeresults count=%d is more than the limit of %d rows", s.count, env.maxRows)
	}
	fields := []string{fieldTime}
	if s.annotate {
		fields = append(fields, "host", "source", "sourcetype", "splunk_server", "splunk_server_group")
	}
	now := Num(float64(env.opts.Now.Unix()))
	out := &rowSet{fields: fields, rows: make([]Row, s.count)}
	for i := range out.rows {
		if err := tk.tick(); err != nil {
			return nil, 0, err
		}
		r := make(Row, len(fields))
		r[0] = now
		out.rows[i] = r
	}
	return out, 0, nil
}
