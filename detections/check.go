package detections

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/query"
)

// CheckOptions configure Content.Check.
//
// Searches are expanded and compiled with the Content's Env; Check always
// sets its AppMacros: a call to a known Splunk app macro that no loaded
// file defines becomes a placeholder and a warning (spl_app_macro), so the
// rest of the search is still checked.
type CheckOptions struct {
	// Workers is how many detections are checked at once; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Progress, when set, is called after each detection file with the
	// number done and the total, always from the goroutine that called
	// Check, in increasing order of done.
	Progress func(done, total int)
}

// Status is the verdict on one detection.
type Status string

// The statuses. Exactly one applies to each detection file.
const (
	StatusRunnable    Status = "runnable"    // eval compiled the search: spelunk can run it
	StatusRefused     Status = "refused"     // the search can never run locally (eval says refused)
	StatusUnsupported Status = "unsupported" // the search uses something spelunk cannot run yet
	StatusError       Status = "error"       // a finding of severity error: the search is broken
	StatusDeprecated  Status = "deprecated"  // under detections/deprecated/ or status: deprecated; not checked
)

// DetectionCheck is the outcome of checking one detection file.
type DetectionCheck struct {
	File         string // the YAML file, as found under the content directory
	Name, ID     string
	Status       Status
	Expanded     bool // macro expansion succeeded
	Parsed       bool // the expanded search parsed
	RoundTripped bool // printing the tree and parsing it back gave the same tree
	Findings     []Finding
}

// CheckSummary counts detections (not findings). Total excludes deprecated
// detections, which are counted apart and are in no other count.
type CheckSummary struct {
	Total        int `json:"total"`
	Expanded     int `json:"expanded"`
	Parsed       int `json:"parsed"`
	RoundTripped int `json:"round_tripped"`
	Runnable     int `json:"runnable"`
	Refused      int `json:"refused"`
	Unsupported  int `json:"unsupported"`
	Errors       int `json:"errors"`   // detections with at least one error finding (status error)
	Warnings     int `json:"warnings"` // detections with at least one warning finding
	Deprecated   int `json:"deprecated"`
}

// CheckReport is the result of Content.Check.
type CheckReport struct {
	Detections []DetectionCheck // one per detection file, in file order
	Summary    CheckSummary
}

// Findings returns every finding of every detection, in file order and,
// within a file, in the order the stages produced them.
func (r *CheckReport) Findings() []Finding {
	if r == nil {
		return nil
	}
	var out []Finding
	for _, d := range r.Detections {
		out = append(out, d.Findings...)
	}
	return out
}

// HasErrors reports whether any finding has severity error.
func (r *CheckReport) HasErrors() bool { return r != nil && r.Summary.Errors > 0 }

// Check checks every detection under c.Dir/detections without running it:
// each YAML file is loaded, its search expanded with c.Macros, parsed,
// printed and parsed back (the trees must match, spans aside), then
// compiled with eval. Files under detections/deprecated/ and detections
// with status deprecated are counted apart and not checked.
//
// Every problem is a Finding located where it was written: in the
// detection file, or in the macro file when the offending text comes from a
// macro's definition. Findings never stop the sweep; the error result is
// only for a missing content directory or a cancelled ctx.
//
// The files are checked by Workers goroutines; the report is in file order
// whatever the scheduling, so output is deterministic.
func (c *Content) Check(ctx context.Context, opts CheckOptions) (*CheckReport, error) {
	files, err := c.DetectionFiles()
	if err != nil {
		return nil, err
	}
	env := c.Env.WithAppMacros()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(min(workers, len(files)), 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	out := make([]DetectionCheck, len(files))
	jobs := make(chan int)
	done := make(chan struct{}, len(files))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				out[i] = c.checkFile(env, files[i], opts)
				done <- struct{}{}
			}
		})
	}
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for n := 1; n <= len(files); n++ {
		select {
		case <-done:
			if opts.Progress != nil {
				opts.Progress(n, len(files))
			}
		case <-ctx.Done():
			wg.Wait()
			return nil, ctx.Err()
		}
	}
	wg.Wait()
	r := &CheckReport{Detections: out}
	r.Summary = summarize(out)
	return r, nil
}

// isDeprecatedPath reports whether file lies under the deprecated folder
// of c.Dir/detections.
func (c *Content) isDeprecatedPath(file string) bool {
	rel, err := filepath.Rel(filepath.Join(c.Dir, "detections"), file)
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return first == "deprecated"
}

// checkFile checks one detection file.
func (c *Content) checkFile(env *query.Env, file string, opts CheckOptions) DetectionCheck {
	dc := DetectionCheck{File: file}
	if c.isDeprecatedPath(file) {
		dc.Status = StatusDeprecated
		return dc
	}
	data, err := os.ReadFile(file)
	if err != nil {
		dc.Status = StatusError
		dc.Findings = []Finding{{
			File: file, Severity: SeverityError, Stage: StageLoad, Code: CodeYAMLError,
			Loc: macros.Location{File: file}, Message: "cannot read the file: " + errText(err),
		}}
		return dc
	}
	y, f := loadForCheck(file, data)
	if y != nil {
		dc.Name, dc.ID = y.Name, y.ID
		if strings.EqualFold(strings.TrimSpace(y.Status), "deprecated") {
			dc.Status = StatusDeprecated
			return dc
		}
	}
	if f != nil {
		dc.Status = StatusError
		dc.Findings = []Finding{*f}
		return dc
	}
	s := &searchCheck{
		env: env, lib: env.Macros(), opts: opts, file: file, data: data, dc: &dc,
	}
	s.run(y.Search, macros.YAMLLocator(file, data, y.SearchNode))
	for i := range dc.Findings {
		dc.Findings[i].File, dc.Findings[i].Detection, dc.Findings[i].ID = file, dc.Name, dc.ID
	}
	return dc
}

// errText is err's message without the "open <path>: " wrapping of
// *fs.PathError, whose path the finding already names.
func errText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// summarize counts the detections of a report.
func summarize(ds []DetectionCheck) CheckSummary {
	var s CheckSummary
	for _, d := range ds {
		if d.Status == StatusDeprecated {
			s.Deprecated++
			continue
		}
		s.Total++
		if d.Expanded {
			s.Expanded++
		}
		if d.Parsed {
			s.Parsed++
		}
		if d.RoundTripped {
			s.RoundTripped++
		}
		switch d.Status {
		case StatusRunnable:
			s.Runnable++
		case StatusRefused:
			s.Refused++
		case StatusUnsupported:
			s.Unsupported++
		case StatusError:
			s.Errors++
		}
		for _, f := range d.Findings {
			if f.Severity == SeverityWarning {
				s.Warnings++
				break
			}
		}
	}
	return s
}
