package examples_test

import (
	"context"
	"fmt"
	"log"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
)

// Example_detect is what `spelunk detect` does, as an embedder writes it:
// one Env from the content directory and a lookups directory, each
// detection compiled through it, the log folder read once for both (raw
// events only as far as the raw-event search can keep them), and the rows
// of a tstats detection and of a raw-event detection with a lookup.
func Example_detect() {
	ctx := context.Background()
	env, err := query.New(query.Config{ContentDir: "content", Lookups: []string{"lookups"}})
	must(err)
	content, err := detections.Open(env)
	must(err)
	searches, err := content.Searches("Remote WMI Command Attempt", "WMI Command On Watchlisted Host")
	must(err)
	data, err := env.Load(ctx, []string{"data"}, searches...)
	must(err)
	for _, s := range searches {
		res, err := s.Exec(ctx, data)
		must(err)
		printRows(res.Fields, res.Rows, "dest", "firstTime", "process")
	}
	// Output:
	// lab-srv-02.corp.example 2024-05-14T09:02:11 svc.exe /NODE:srv-db-01 process call create "cmd /c whoami &amp;&amp; hostname"
	// lab-ws-01.corp.example 2024-05-14T08:15:02 wmic /node:"10.20.0.7" process call create calc.exe
	// lab-srv-02.corp.example 2024-05-14T09:02:11 svc.exe /NODE:srv-db-01 process call create "cmd /c whoami &amp;&amp; hostname"
}

// Example_run compiles and runs free-form SPL: a search that makes its own
// rows needs no data.
func Example_run() {
	env, err := query.New(query.Config{})
	must(err)
	s, err := env.Compile(`| makeresults count=3 | streamstats count as n | eval sq=n*n | table n sq`)
	must(err)
	fmt.Println(s.Needs().Data())
	res, err := s.Exec(context.Background(), nil)
	must(err)
	printRows(res.Fields, res.Rows, "n", "sq")
	// Output:
	// false
	// 1 1
	// 2 4
	// 3 9
}

// Example_expand shows a detection's search after macro expansion, the
// text Splunk parses.
func Example_expand() {
	env, err := query.New(query.Config{ContentDir: "content"})
	must(err)
	content, err := detections.Open(env)
	must(err)
	d, err := content.Find("Script Execution via WMI")
	must(err)
	x, err := env.Expand(d.Source())
	must(err)
	s, err := content.Compile(d)
	must(err)
	fmt.Println(len(x.Text) > len(d.Search), s.Query.Commands[0].CommandName(), len(s.Query.Commands))
	fmt.Println(s.Query.Commands[1])
	// Output:
	// true tstats 5
	// rename Processes.* AS *
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
