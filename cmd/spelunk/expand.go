package main

import (
	"fmt"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/detections/detectiontest"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/macros/macrotest"
	"github.com/spelunk-dev/spelunk/query"
)

// expandCmd is `spelunk expand`.
//
// With --all --golden DIR it expands every detection of --content and
// compares each expansion with DIR/<YAML file stem>.spl: differences are
// printed as unified diffs on stdout, a summary on stderr, and the exit
// code is 1 when anything differs (changed, missing golden file, golden
// file of a removed detection) or a detection fails to expand. With
// --update it rewrites DIR instead (deleting golden files of removed
// detections) and exits 0 unless a detection fails to expand.
//
// Known app macros (get_asset and the like, see macros.KnownAppMacros)
// that no macro file defines expand to a placeholder, with a warning on
// stderr that suggests --macros.
type expandCmd struct {
	Content   string   `help:"security_content directory (macros/, detections/)." type:"existingdir" placeholder:"DIR"`
	Macros    []string `help:"Macro file or directory (security_content YAML or macros.conf) overriding the content's macros (repeatable, later wins)." placeholder:"PATH"`
	Detection string   `help:"Expand this detection (name, id or YAML file) instead of QUERY." placeholder:"NAME|ID|FILE"`
	All       bool     `help:"Expand every detection of --content and compare with --golden."`
	Golden    string   `help:"With --all: directory of golden expansions, one <detection file stem>.spl each." placeholder:"DIR"`
	Update    bool     `help:"With --all --golden: rewrite the golden files instead of comparing."`
	Query     string   `arg:"" optional:"" help:"The search to expand; - reads stdin."`
}

// Run implements the subcommand.
func (c *expandCmd) Run(e *env) error {
	if c.All || c.Golden != "" || c.Update {
		return c.runAll(e)
	}
	cfg := contentConfig(c.Content, c.Macros)
	cfg.AppMacros = true
	qe, err := newEnv(cfg)
	if err != nil {
		return err
	}
	src, err := c.source(e, qe)
	if err != nil {
		return err
	}
	x, err := qe.Expand(src)
	if err != nil {
		return err
	}
	printWarnings(e, x.Warnings)
	_, err = fmt.Fprintln(e.stdout, x.Text)
	return err
}

// source is the search to expand: QUERY, or --detection's search located
// in its file.
func (c *expandCmd) source(e *env, qe *query.Env) (query.Source, error) {
	switch {
	case c.Detection != "" && c.Query != "":
		return query.Source{}, usageErr("give either QUERY or --detection, not both")
	case c.Detection != "":
		content, err := detections.Open(qe)
		if err != nil {
			return query.Source{}, err
		}
		d, err := content.Find(c.Detection)
		if err != nil {
			return query.Source{}, err
		}
		return d.Source(), nil
	case c.Query != "":
		text, at, err := readQuery(e, c.Query)
		return query.Source{Text: text, At: at}, err
	}
	return query.Source{}, usageErr("expand needs QUERY, --detection or --all --golden DIR")
}

// runAll is `expand --all --golden DIR [--update]`.
func (c *expandCmd) runAll(e *env) error {
	switch {
	case !c.All:
		return usageErr("--golden and --update need --all")
	case c.Golden == "":
		return usageErr("--all needs --golden DIR")
	case c.Query != "" || c.Detection != "":
		return usageErr("--all expands every detection; give no QUERY or --detection")
	case c.Content == "":
		return usageErr("--all needs --content DIR")
	}
	cfg := contentConfig(c.Content, c.Macros)
	cfg.AppMacros = true
	qe, err := newEnv(cfg)
	if err != nil {
		return err
	}
	x, err := detectiontest.ExpandDetections(qe)
	if err != nil {
		return usageErr("%s", describe(err))
	}
	printWarnings(e, x.Warnings)
	for _, err := range x.Errors {
		fmt.Fprintln(e.stderr, describe(err))
	}
	// A detection that failed to expand keeps its golden file: it is
	// neither rewritten nor reported as removed.
	keep, err := x.Pinned(c.Golden)
	if err != nil {
		return usageErr("%s", safeErr(err))
	}
	var changes []macrotest.Change
	if c.Update {
		changes, err = macrotest.Update(c.Golden, keep, true)
	} else {
		changes, err = macrotest.Compare(c.Golden, keep, true)
	}
	if err != nil {
		return usageErr("%s", safeErr(err))
	}
	n := map[macrotest.ChangeKind]int{}
	for _, ch := range changes {
		n[ch.Kind]++
		if !c.Update {
			fmt.Fprint(e.stdout, termsafe.Text(ch.Diff))
		}
	}
	counts := fmt.Sprintf("%d changed, %d new, %d removed", n[macrotest.Changed], n[macrotest.Missing], n[macrotest.Removed])
	failed := ""
	if len(x.Errors) > 0 {
		failed = fmt.Sprintf("; %d detections failed to expand", len(x.Errors))
	}
	switch {
	case c.Update:
		fmt.Fprintf(e.stderr, "spelunk: updated %s for %d detections (%s)%s\n", c.Golden, len(x.Texts), counts, failed)
	case len(changes) == 0:
		fmt.Fprintf(e.stderr, "spelunk: %d expansions match %s%s\n", len(x.Texts), c.Golden, failed)
	default:
		fmt.Fprintf(e.stderr, "spelunk: %d of %d expansions differ from %s (%s)%s; rerun with --update to accept\n",
			len(changes), len(x.Texts)+n[macrotest.Removed], c.Golden, counts, failed)
	}
	if len(x.Errors) > 0 || (!c.Update && len(changes) > 0) {
		return &exitError{code: 1}
	}
	return nil
}

func printWarnings(e *env, ws []macros.Warning) {
	for _, w := range ws {
		fmt.Fprintln(e.stderr, "spelunk: warning:", termsafe.Text(w.String()))
	}
}
