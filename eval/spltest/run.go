package spltest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/parser"
)

// RunDir runs every script of dir (LoadDir) as subtests of t and returns
// the number of cases.
func RunDir(t *testing.T, dir string, opts ...Option) int {
	t.Helper()
	scripts, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range scripts {
		n += s.Run(t, opts...)
	}
	return n
}

// RunFile runs the script at path as subtests of t and returns the number
// of cases.
func RunFile(t *testing.T, path string, opts ...Option) int {
	t.Helper()
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return s.Run(t, opts...)
}

// Run runs every case of s as a subtest of t named FILE/CASE (FILE without
// .spltest) and returns the number of cases. A mismatch is reported with
// the case's file:line and the input path it came through.
func (s *Script) Run(t *testing.T, opts ...Option) int {
	t.Helper()
	cfg := newConfig(opts)
	if err := cfg.resolve(); err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(filepath.Base(s.Path), ".spltest")
	for _, c := range s.Cases {
		t.Run(base+"/"+c.Name, func(t *testing.T) {
			for _, msg := range c.check(t.Context(), cfg) {
				t.Error(msg)
			}
		})
	}
	return len(s.Cases)
}

// Check runs c through every input path it has (Paths) and returns one
// error per mismatch, each starting with the case's file:line and the
// path; none when every path gives what the case expects.
func (c *Case) Check(ctx context.Context, opts ...Option) []error {
	cfg := newConfig(opts)
	if err := cfg.resolve(); err != nil {
		return []error{fmt.Errorf("%s: %w", c.Where(), err)}
	}
	var out []error
	for _, msg := range c.check(ctx, cfg) {
		out = append(out, errors.New(msg))
	}
	return out
}

// Paths returns the input paths c runs through: all three when its search
// reads events, else Records alone (a dataset case, a search that reads
// no events, a search that does not compile).
func (c *Case) Paths(opts ...Option) []Path {
	cfg := newConfig(opts)
	if err := cfg.resolve(); err != nil {
		return []Path{Records}
	}
	return c.paths(cfg)
}

// paths is Paths under cfg.
func (c *Case) paths(cfg *config) []Path {
	if c.Dataset != "" {
		return []Path{Records}
	}
	p, err := c.compile(cfg)
	if err != nil || !p.ReadsEvents() {
		return []Path{Records}
	}
	return []Path{Records, Events, Prefiltered}
}

// Exec runs c through one input path and returns what the program gives.
func (c *Case) Exec(ctx context.Context, path Path, opts ...Option) (*eval.Result, error) {
	cfg := newConfig(opts)
	if err := cfg.resolve(); err != nil {
		return nil, err
	}
	return c.exec(ctx, cfg, path, nil)
}

// compile parses and compiles c's query.
func (c *Case) compile(cfg *config) (*eval.Program, error) {
	q, err := parser.Parse(c.Query)
	if err != nil {
		return nil, err
	}
	return eval.Compile(q, cfg.options(c))
}

// exec runs c through path; evs is the case's event sources (nil: built
// here).
func (c *Case) exec(ctx context.Context, cfg *config, path Path, evs *eventSet) (*eval.Result, error) {
	p, err := c.compile(cfg)
	if err != nil {
		return nil, err
	}
	switch {
	case c.Dataset != "":
		return p.Exec(ctx, eval.Input{Tables: cim.Tables{c.Dataset: tableOf(c.Dataset, c.Events)}})
	case path == Records:
		return p.Exec(ctx, eval.Input{Records: c.Events})
	}
	if evs == nil {
		evs = newEventSet(c.Events)
	}
	switch path {
	case Events:
		return p.Exec(ctx, eval.Input{Events: evs.src})
	case Prefiltered:
		return p.Exec(ctx, eval.Input{Events: evs.keep(prefilter(evs.src, p.EventFilter()))})
	}
	return nil, fmt.Errorf("spltest: unknown path %q", path)
}

// check runs c through its paths and describes each mismatch.
func (c *Case) check(ctx context.Context, cfg *config) []string {
	var msgs []string
	paths := c.paths(cfg)
	var evs *eventSet
	if len(paths) > 1 {
		evs = newEventSet(c.Events)
	}
	for _, path := range paths {
		res, err := c.exec(ctx, cfg, path, evs)
		if msg := c.mismatch(res, err); msg != "" {
			msgs = append(msgs, fmt.Sprintf("%s [%s]: %s", c.Where(), path, msg))
		}
	}
	if evs != nil && evs.ingest != nil {
		msgs = append(msgs, c.checkIngest(ctx, cfg, evs.ingest)...)
	}
	return msgs
}

// checkIngest runs the search over the command line's source of the
// case's events as ingest events (which reads back records other than
// the case's: _time and _raw always present, events newest first), read
// on demand and prefiltered, and compares with Records over the records
// it reads back.
func (c *Case) checkIngest(ctx context.Context, cfg *config, in *ingestSet) []string {
	run := func(f func(*eval.Program) (*eval.Result, error)) (*eval.Result, error) {
		p, err := c.compile(cfg)
		if err != nil {
			return nil, err
		}
		return f(p)
	}
	wantRes, wantErr := run(func(p *eval.Program) (*eval.Result, error) { return p.Exec(ctx, eval.Input{Records: in.records}) })
	var msgs []string
	for _, path := range []Path{Events, Prefiltered} {
		res, err := run(func(p *eval.Program) (*eval.Result, error) {
			if path == Events {
				return p.Exec(ctx, eval.Input{Events: in.src})
			}
			return p.Exec(ctx, eval.Input{Events: in.keep(prefilter(in.src, p.EventFilter()))})
		})
		if msg := sameResult(res, err, wantRes, wantErr, c.Unordered); msg != "" {
			msgs = append(msgs, fmt.Sprintf("%s [ingest %s vs records]: %s", c.Where(), path, msg))
		}
	}
	return msgs
}
