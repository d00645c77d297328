package main

import (
	"context"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
)

// runCmd is `spelunk run`.
type runCmd struct {
	Content string   `help:"security_content directory whose macros the query may call." type:"existingdir" placeholder:"DIR"`
	Macros  []string `help:"Macro file or directory overriding the content's macros (repeatable, later wins)." placeholder:"PATH"`
	dataFlags
	evalFlags
	lookupFlags
	Query string `arg:"" help:"The search to run; - reads stdin."`
}

// Run implements the subcommand.
func (c *runCmd) Run(e *env) error {
	ctx := context.Background()
	opts, err := c.options()
	if err != nil {
		return err
	}
	if err := c.apply(&opts, c.Content); err != nil {
		return err
	}
	content, err := detections.Open(c.Content, c.Macros...)
	if err != nil {
		return usageErr("%v", err)
	}
	text, at, err := readQuery(e, c.Query)
	if err != nil {
		return err
	}
	start := time.Now()
	compiled, err := detections.CompileQuery(text, at, content.Macros, detections.Options{Eval: opts})
	if err != nil {
		return usageErr("%s", describe(err))
	}
	compileTook := time.Since(start)
	tables, recs, loadTook, err := c.load(ctx, e, []*detections.Compiled{compiled}, false)
	if err != nil {
		return err
	}
	res, err := compiled.ExecEvents(ctx, tables, recs)
	if err != nil {
		return usageErr("%s", describe(err))
	}
	if c.Profile {
		rows := 0
		if recs != nil {
			rows = recs.Len()
		}
		for _, t := range tables {
			rows += t.Len()
		}
		writeProfile(e.stderr, []phase{
			{name: "compile", rows: -1, took: compileTook},
			{name: "load", rows: rows, took: loadTook},
		}, res)
	}
	return writeResult(e.stdout, c.Format, res)
}
