package main

import (
	"context"
	"time"

	"github.com/spelunk-dev/spelunk/query"
)

// runCmd is `spelunk run`.
type runCmd struct {
	Content string   `help:"security_content directory whose macros the query may call." type:"existingdir" placeholder:"DIR"`
	Macros  []string `help:"Macro file or directory overriding the content's macros (repeatable, later wins)." placeholder:"PATH"`
	dataFlags
	evalFlags
	lookupFlags
	engineFlags
	Query string `arg:"" help:"The search to run; - reads stdin."`
}

// Run implements the subcommand.
func (c *runCmd) Run(e *env) error {
	ctx := context.Background()
	if err := c.engineFlags.check(len(c.Data) > 0); err != nil {
		return err
	}
	qe, err := c.queryEnv(e)
	if err != nil {
		return err
	}
	text, at, err := readQuery(e, c.Query)
	if err != nil {
		return err
	}
	start := time.Now()
	s, err := qe.CompileSource(query.Source{Text: text, At: at})
	if err != nil {
		return usageErr("%s", describe(err))
	}
	compileTook := time.Since(start)
	var (
		data     *query.Data
		loadTook time.Duration
	)
	if c.Engine == "duckdb" {
		if len(c.Data) == 0 && c.Parquet == "" && s.Needs().Data() {
			return usageErr("this search reads events or data models: give the logs with --data PATH or an export with --parquet DIR")
		}
		start := time.Now()
		res, rep, err := c.runDuckDB(ctx, e.stderr, qe, s, c.Data)
		if err != nil {
			return usageErr("%s", describe(err))
		}
		if c.Profile {
			writeProfile(e.stderr, []phase{
				{name: "compile", rows: -1, took: compileTook},
				{name: "export+duckdb", rows: -1, took: time.Since(start)},
			}, res)
		}
		if err := writeResult(e.stdout, c.Format, res); err != nil {
			return err
		}
		return unreadable(rep)
	}
	switch {
	case len(c.Data) > 0:
		data, loadTook, err = c.load(ctx, e, qe, []*query.Search{s}, false)
		if err != nil {
			return err
		}
	case s.Needs().Data():
		return usageErr("this search reads events or data models: give the logs with --data PATH")
	}
	res, err := s.Exec(ctx, data)
	if err != nil {
		return usageErr("%s", describe(err))
	}
	if c.Profile {
		rows := 0
		if data != nil {
			if data.Events != nil {
				rows = data.Events.Len()
			}
			for _, t := range data.Tables {
				rows += t.RowsRead()
			}
		}
		writeProfile(e.stderr, []phase{
			{name: "compile", rows: -1, took: compileTook},
			{name: "load", rows: rows, took: loadTook},
		}, res)
	}
	if err := writeResult(e.stdout, c.Format, res); err != nil {
		return err
	}
	if data != nil {
		return unreadable(data.Report)
	}
	return nil
}

// queryEnv builds the query.Env of run's flags.
func (c *runCmd) queryEnv(e *env) (*query.Env, error) {
	cfg := contentConfig(c.Content, c.Macros)
	if err := c.evalFlags.apply(&cfg); err != nil {
		return nil, err
	}
	if err := c.lookupFlags.apply(&cfg); err != nil {
		return nil, err
	}
	var err error
	if cfg.Ingest, err = c.ingestOptions(e); err != nil {
		return nil, err
	}
	return newEnv(cfg)
}
