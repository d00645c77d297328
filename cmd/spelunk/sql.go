package main

import (
	"context"
	"io"
	"strings"

	"fmt"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// sqlCmd is `spelunk sql`: the search compiled to one SQL statement over
// tables named after the CIM datasets (see package sqlgen). A search the
// generator cannot express faithfully exits 2 with the reason and where it
// was written.
type sqlCmd struct {
	Dialect   string   `help:"SQL dialect: duckdb or clickhouse." enum:"duckdb,clickhouse" default:"duckdb"`
	Content   string   `help:"security_content directory (macros/, detections/)." type:"existingdir" placeholder:"DIR"`
	Macros    []string `help:"Macro file or directory overriding the content's macros (repeatable, later wins)." placeholder:"PATH"`
	Detection string   `help:"Compile this detection (name, id or YAML file) instead of QUERY." placeholder:"NAME|ID|FILE"`
	Query     string   `arg:"" optional:"" help:"The search to compile; - reads stdin."`
}

// Run implements the subcommand.
func (c *sqlCmd) Run(e *env) error {
	qe, err := newEnv(contentConfig(c.Content, c.Macros))
	if err != nil {
		return err
	}
	var src query.Source
	switch {
	case c.Detection != "" && c.Query != "":
		return usageErr("give either QUERY or --detection, not both")
	case c.Detection != "":
		content, err := detections.Open(qe)
		if err != nil {
			return usageErr("%v", err)
		}
		d, err := content.Find(c.Detection)
		if err != nil {
			return usageErr("%v", err)
		}
		src = d.Source()
	case c.Query != "":
		text, at, err := readQuery(e, c.Query)
		if err != nil {
			return err
		}
		src = query.Source{Text: text, At: at}
	default:
		return usageErr("sql needs QUERY or --detection")
	}
	s, err := qe.CompileSource(src)
	if err != nil {
		return err
	}
	out, err := sqlgen.Generate(s.Query, sqlgen.Options{Dialect: sqlgen.Dialect(c.Dialect), Lookups: qe.EvalOptions().Lookups})
	if err != nil {
		return sqlgen.Locate(s, err)
	}
	_, err = fmt.Fprintln(e.stdout, out.Text+";")
	return err
}

// checkSQL is `check --sql DIALECT`: every runnable detection compiled to
// SQL. In text format each refusal is printed (a note, with its position)
// and a summary line follows; the counts are returned for the JSON
// summary. Nil when dialect is empty.
func checkSQL(e *env, content *detections.Content, dialect, format string) (*sqlgen.Summary, error) {
	if dialect == "" {
		return nil, nil
	}
	rs, sum, err := sqlgen.Check(context.Background(), content, sqlgen.Options{Dialect: sqlgen.Dialect(dialect)})
	if err != nil {
		return nil, usageErr("%v", err)
	}
	if format == "text" {
		var b strings.Builder
		for _, r := range rs {
			if r.Err != nil {
				fmt.Fprintf(&b, "%s: note: %v\n", r.File, r.Err)
			}
		}
		fmt.Fprintf(&b, "sql (%s): %d of %d runnable detections compile (%s), tstats: %d of %d (%s); %d refused\n",
			dialect, sum.Compiled, sum.Runnable, pct(sum.Compiled, sum.Runnable),
			sum.CompiledTstats, sum.RunnableTstats, pct(sum.CompiledTstats, sum.RunnableTstats), sum.Refused)
		if _, err := io.WriteString(e.stderr, b.String()); err != nil {
			return nil, err
		}
	}
	return &sum, nil
}

func pct(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}
