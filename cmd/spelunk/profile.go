package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/spelunk-dev/spelunk/eval"
)

// phase is one timed step before the pipeline runs.
type phase struct {
	name string
	rows int // rows produced, -1 when not applicable
	took time.Duration
}

// writeProfile prints the phases and each command's rows in/out and time,
// like a small Splunk job inspector.
func writeProfile(w io.Writer, phases []phase, res *eval.Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\trows in\trows out\ttime\t")
	for _, p := range phases {
		out := ""
		if p.rows >= 0 {
			out = fmt.Sprint(p.rows)
		}
		fmt.Fprintf(tw, "%s\t\t%s\t%s\t\n", p.name, out, p.took.Round(time.Microsecond))
	}
	if res != nil {
		for _, s := range res.Profile {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t\n", s.Command, s.RowsIn, s.RowsOut, s.Duration.Round(time.Microsecond))
		}
	}
	tw.Flush()
}
