// Command spelunk expands, parses and runs Splunk SPL detections locally,
// over data-model tables built from real logs.
//
//	spelunk expand --content DIR --detection "Remote WMI Command Attempt"
//	spelunk detect --content DIR --data sysmon.log --detection NAME --format json
//	spelunk run --data sysmon.log '| tstats count from datamodel=Endpoint.Processes by Processes.dest'
//	spelunk test --content DIR --attack-data MIRROR --junit report.xml
//
// Exit codes: 0 success; 1 the search ran but a check or test failed; 2 bad
// usage or bad input.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/alecthomas/kong"
)

// cli is the command line: one field per subcommand, each in its own file.
type cli struct {
	Expand expandCmd `cmd:"" help:"Expand the macros of a search or detection and print the result."`
	Parse  parseCmd  `cmd:"" help:"Parse a search and print it as canonical SPL (or its syntax tree as JSON)."`
	Fmt    fmtCmd    `cmd:"" help:"Print a search as pretty multi-line SPL."`
	Run    runCmd    `cmd:"" help:"Run a search over logs."`
	Detect detectCmd `cmd:"" help:"Run security_content detections over logs."`
	Check  checkCmd  `cmd:"" help:"Check every detection of a content directory: macros, syntax, printer round trip, what spelunk can run."`
	Test   testCmd   `cmd:"" help:"Run detections' tests (security_content unit tests) over a local attack_data mirror, judged as contentctl does."`
	Events eventsCmd `cmd:"" help:"Print the events spelunk reads from logs (.evtx, XmlWinEventLog, JSON...) as JSON objects or their raw XML."`
	Serve  serveCmd  `cmd:"" help:"Load logs once and serve a local search app (page and JSON API) on loopback."`
	Fields fieldsCmd `cmd:"" help:"Report, per security_content data source, which listed fields spelunk gives and why not, and which given data has."`
	SQL    sqlCmd    `cmd:"" name:"sql" help:"Compile a search (tstats and what follows it) to SQL for DuckDB or ClickHouse."`
	Export exportCmd `cmd:"" help:"Write the data-model datasets built from logs as Parquet, partitioned by day."`
}

// env is what a subcommand reads and writes; tests give their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// exitError carries an exit code and a message for stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// usageErr reports bad usage or bad input (exit 2).
func usageErr(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	var c cli
	exited := false
	parser, err := kong.New(&c,
		kong.Name("spelunk"),
		kong.Description("Run Splunk SPL detections locally: expand macros, parse, and evaluate over CIM data-model tables built from logs."),
		kong.Writers(stdout, stderr),
		kong.Exit(func(int) { exited = true }),
		kong.UsageOnError(),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
	)
	if err != nil {
		fmt.Fprintln(stderr, "spelunk:", err)
		return 2
	}
	ctx, err := parser.Parse(args)
	if exited {
		return 0 // --help
	}
	if err != nil {
		fmt.Fprintln(stderr, "spelunk:", err)
		return 2
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if err := ctx.Run(e); err != nil {
		var xe *exitError
		if errors.As(err, &xe) {
			if xe.msg != "" {
				fmt.Fprintln(stderr, "spelunk:", xe.msg)
			}
			return xe.code
		}
		fmt.Fprintln(stderr, "spelunk:", describe(err))
		return 2
	}
	return 0
}
