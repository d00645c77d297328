package main

import (
	"errors"
	"fmt"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
	"github.com/spelunk-dev/spelunk/query"
)

// selectFlags choose detections by their metadata (detections.Selection).
type selectFlags struct {
	Type       []string `help:"Only detections of these types (TTP, Anomaly, Hunting, Correlation, ...; comma-separated or repeated). Default, with no other selection: TTP,Anomaly,Hunting." sep:"," placeholder:"TYPE"`
	Status     []string `help:"Only detections of these statuses (production, experimental). Default, with no other selection: production." sep:"," placeholder:"STATUS"`
	Mitre      []string `help:"Only detections of these MITRE ATT&CK techniques (T1003 includes T1003.003)." sep:"," placeholder:"ID"`
	Story      []string `help:"Only detections of these analytic stories." sep:"," placeholder:"NAME"`
	DataSource []string `help:"Only detections of these data sources (names or globs: 'Sysmon*')." name:"data-source" sep:"," placeholder:"NAME"`
	Name       []string `help:"Only detections whose name, id or file matches one of these globs ('*wmi*', 'endpoint/*.yml')." sep:"," placeholder:"GLOB"`
	Exclude    []string `help:"Never run these detections (name, id or glob)." sep:"," placeholder:"REF"`
}

// selection is the detections selected: those that compiled, and the
// counts of those that cannot run.
type selection struct {
	runnable []compiledDetection
	// named: the detections were named with --detection (each is printed
	// even without results).
	named                        bool
	selected                     int // detections selected (runnable or not)
	refused, unsupported, broken int // not runnable: by design, not yet, the search is wrong
}

// selection turns the flags into a detections.Selection: the defaults
// (production TTP, Anomaly, Hunting) for whatever the user did not set.
func (f *selectFlags) selection() detections.Selection {
	s := detections.DefaultSelection()
	if len(f.Type) > 0 {
		s.Types = f.Type
	}
	if len(f.Status) > 0 {
		s.Statuses = f.Status
	}
	s.MITRE, s.Stories, s.DataSources, s.Names, s.Exclude = f.Mitre, f.Story, f.DataSource, f.Name, f.Exclude
	return s
}

// compileAll compiles the detections asked for. Named detections must
// compile; otherwise every selected detection that compiles runs, and the
// others are counted on stderr with the first reasons.
func (c *detectCmd) compileAll(e *env, content *detections.Content) (*selection, error) {
	sel := &selection{}
	if len(c.Detection) > 0 {
		sel.named = true
		for _, ref := range c.Detection {
			d, err := content.Find(ref)
			if err != nil {
				return nil, usageErr("%s", safeErr(err))
			}
			s, err := content.Compile(d)
			if err != nil {
				return nil, usageErr("%s: %s", termsafe.Line(d.Name), describe(err))
			}
			sel.selected++
			sel.runnable = append(sel.runnable, compiledDetection{d, s})
		}
		return sel, nil
	}
	ds, bad, err := content.Detections()
	if err != nil {
		return nil, usageErr("%s", safeErr(err))
	}
	want := c.selection()
	var notRunnable []string
	for _, err := range bad {
		notRunnable = append(notRunnable, err.Error())
	}
	for _, d := range ds {
		if d.Deprecated() || !want.Match(d) {
			continue
		}
		sel.selected++
		s, err := content.Compile(d)
		if err != nil {
			switch searchClass(err) {
			case diag.ClassRefused:
				sel.refused++
			case diag.ClassUnsupported, diag.ClassInternal:
				sel.unsupported++
			default:
				sel.broken++
				notRunnable = append(notRunnable, err.Error())
			}
			continue
		}
		sel.runnable = append(sel.runnable, compiledDetection{d, s})
	}
	fmt.Fprintf(e.stderr, "running %d of %d selected detections (%d refused, %d unsupported, %d broken)\n",
		len(sel.runnable), sel.selected, sel.refused, sel.unsupported, sel.broken)
	if len(notRunnable) > 0 {
		fmt.Fprintf(e.stderr, "%d cannot be loaded or compiled, for example:\n", len(notRunnable))
		for _, r := range notRunnable[:min(3, len(notRunnable))] {
			fmt.Fprintln(e.stderr, "  "+termsafe.Text(r))
		}
	}
	return sel, nil
}

// recompile compiles every runnable detection again with env (the clock
// taken from the data).
func (s *selection) recompile(env *query.Env) error {
	for i, cd := range s.runnable {
		srch, err := env.CompileSource(cd.detection.Source())
		if err != nil {
			return usageErr("%s: %s", termsafe.Line(cd.detection.Name), describe(err))
		}
		s.runnable[i].search = srch
	}
	return nil
}

// searchClass is the class of a search error's code ("" when it has
// none).
func searchClass(err error) diag.Class {
	var se *query.SearchError
	if errors.As(err, &se) {
		return se.Class()
	}
	return ""
}
