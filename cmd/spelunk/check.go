package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// checkCmd is `spelunk check`: every detection of a content directory is
// loaded, expanded, parsed, round-tripped through the printer and compiled,
// without data. Exit 1 when a finding has severity error (the search is
// broken); warnings (a printer bug, a Splunk app macro) and notes (a command
// or function spelunk cannot run yet, or refuses to run locally) leave the
// exit code 0.
type checkCmd struct {
	Content string   `help:"security_content directory (macros/, detections/)." required:"" placeholder:"DIR"`
	Macros  []string `help:"Macro file or directory overriding the content's macros (repeatable, later wins)." placeholder:"PATH"`
	Format  string   `help:"Output format: text (file:line:col: severity: message [code]), json (JSON Lines, then a summary line) or sarif (SARIF 2.1.0)." enum:"text,json,sarif" default:"text"`
	SQL     string   `help:"Also compile each runnable detection to SQL in this dialect (duckdb, clickhouse); the summary gains sql_compiled and sql_refused." enum:",duckdb,clickhouse" default:"" placeholder:"DIALECT"`
	lookupFlags
	memoryFlag
	deadlineFlag
}

// Run implements the subcommand.
func (c *checkCmd) Run(e *env) error {
	cfg := contentConfig(c.Content, c.Macros)
	if err := c.lookupFlags.apply(&cfg); err != nil {
		return err
	}
	qe, err := newEnv(cfg)
	if err != nil {
		return err
	}
	content, err := detections.Open(qe)
	if err != nil {
		return usageErr("%s", safeErr(err))
	}
	// The sweep allocates many short-lived trees; collecting less often
	// saves about a fifth of the CPU time for a few tens of MB.
	debug.SetGCPercent(400)
	opts := detections.CheckOptions{}
	if isTerminal(e.stderr) {
		opts.Progress = progressBar(e.stderr, "checking")
	}
	ctx, stop, err := commandLimits(c.memoryFlag, c.deadlineFlag, "checking detections")
	if err != nil {
		return err
	}
	defer stop()
	rep, err := content.Check(ctx, opts)
	if opts.Progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	err = stopCause(ctx, err)
	if err != nil {
		return usageErr("%s", safeErr(err))
	}
	sqlSum, err := checkSQL(e, content, c.SQL, c.Format)
	if err != nil {
		return err
	}
	switch c.Format {
	case "json":
		err = writeCheckJSON(e.stdout, rep, sqlSum)
	case "sarif":
		err = writeCheckSARIF(e.stdout, c.Content, rep)
	default:
		err = writeCheckText(e.stdout, rep)
	}
	if err != nil {
		return err
	}
	if rep.HasErrors() {
		return &exitError{code: 1}
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal), so
// that progress is never written to pipes, files or CI logs.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar returns a Progress callback drawing "label n/total" with a
// bar on one terminal line, redrawn every few percent.
func progressBar(w io.Writer, label string) func(done, total int) {
	const width = 30
	last := -1
	return func(done, total int) {
		fill := done * width / max(total, 1)
		if fill == last && done != total {
			return
		}
		last = fill
		fmt.Fprintf(w, "\r%s [%s%s] %d/%d", label, strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, total)
	}
}

// summaryText renders the counts on one line.
func summaryText(s detections.CheckSummary) string {
	t := fmt.Sprintf("%d detections checked (%d deprecated skipped): %d expanded, %d parsed, %d round-tripped; %d runnable, %d refused, %d unsupported",
		s.Total, s.Deprecated, s.Expanded, s.Parsed, s.RoundTripped, s.Runnable, s.Refused, s.Unsupported)
	return t + fmt.Sprintf("; %d with errors, %d with warnings", s.Errors, s.Warnings)
}

// writeCheckText prints one line per finding, "file:line:col: severity:
// message [code]", then its snippet, the macro calls that led there and,
// when the location is in a macro file, the detection; then the summary.
// Control characters from the content are escaped (termsafe.Text).
func writeCheckText(w io.Writer, rep *detections.CheckReport) error {
	var b strings.Builder
	for _, f := range rep.Findings() {
		b.WriteString(f.String())
		b.WriteByte('\n')
		if f.Snippet != "" {
			for line := range strings.SplitSeq(f.Snippet, "\n") {
				b.WriteString("  " + line + "\n")
			}
		}
		if f.Macro != "" {
			fmt.Fprintf(&b, "  in expansion of macro `%s`\n", f.Macro)
		}
		for i := len(f.Via) - 1; i >= 0; i-- {
			fmt.Fprintf(&b, "  in expansion of `%s` called at %s\n", f.Via[i].Call, f.Via[i].Loc)
		}
		if f.Loc.File != f.File {
			fmt.Fprintf(&b, "  in detection %q (%s)\n", f.Detection, f.File)
		}
	}
	b.WriteString(summaryText(rep.Summary) + "\n")
	_, err := io.WriteString(w, termsafe.Text(b.String()))
	return err
}

// jsonFinding is one line of `check --format json`.
type jsonFinding struct {
	File      string         `json:"file"`
	Detection string         `json:"detection,omitempty"`
	ID        string         `json:"id,omitempty"`
	Severity  string         `json:"severity"`
	Stage     string         `json:"stage"`
	Code      string         `json:"code"`
	Message   string         `json:"message"`
	Location  jsonLocation   `json:"location"`
	Macro     string         `json:"macro,omitempty"`
	Via       []jsonCallSite `json:"via,omitempty"`
	Subject   string         `json:"subject,omitempty"`
	Snippet   string         `json:"snippet,omitempty"`
}

type jsonLocation struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

type jsonCallSite struct {
	Call     string       `json:"call"`
	Location jsonLocation `json:"location"`
}

func toJSONLocation(l macros.Location) jsonLocation {
	return jsonLocation{File: l.File, Line: l.Line, Col: l.Col}
}

// writeCheckJSON prints one JSON object per finding, then exactly one line
// {"summary": {...}} with the detection counts.
func writeCheckJSON(w io.Writer, rep *detections.CheckReport, sqlSum *sqlgen.Summary) error {
	var b strings.Builder
	for _, f := range rep.Findings() {
		jf := jsonFinding{
			File: f.File, Detection: f.Detection, ID: f.ID,
			Severity: string(f.Severity), Stage: string(f.Stage), Code: string(f.Code), Message: f.Message,
			Location: toJSONLocation(f.Loc), Macro: f.Macro, Subject: f.Subject, Snippet: f.Snippet,
		}
		for _, v := range f.Via {
			jf.Via = append(jf.Via, jsonCallSite{Call: v.Call, Location: toJSONLocation(v.Loc)})
		}
		line, err := marshalJSON(jf)
		if err != nil {
			return err
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	type summary struct {
		detections.CheckSummary
		*sqlgen.Summary
	}
	line, err := marshalJSON(struct {
		Summary summary `json:"summary"`
	}{summary{rep.Summary, sqlSum}})
	if err != nil {
		return err
	}
	b.Write(line)
	b.WriteByte('\n')
	_, err = io.WriteString(w, b.String())
	return err
}

// The SARIF 2.1.0 subset `check --format sarif` writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool      `json:"tool"`
		Results    []sarifResult  `json:"results"`
		Properties map[string]any `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID               string       `json:"id"`
		ShortDescription sarifMessage `json:"shortDescription"`
		DefaultConfig    sarifConfig  `json:"defaultConfiguration"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifMessage    `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Properties       map[string]any  `json:"properties,omitempty"`
	}
	sarifLocation struct {
		ID               int                   `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifMessage         `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
)

// ruleLevel is the level a code's findings have (SARIF defaultConfiguration):
// a note for what spelunk cannot or will not run, a warning for its own
// bugs and for app macros checked with a placeholder, else an error.
func ruleLevel(code diag.Code) string {
	switch {
	case code == detections.CodeAppMacro:
		return string(detections.SeverityWarning)
	case code.Class() == diag.ClassUnsupported, code.Class() == diag.ClassRefused:
		return string(detections.SeverityNote)
	case code.Class() == diag.ClassInternal:
		return string(detections.SeverityWarning)
	}
	return string(detections.SeverityError)
}

// writeCheckSARIF prints the report as one SARIF 2.1.0 run: a rule per
// finding code, a result per finding with its level, message and location
// (the URI relative to the content directory, with forward slashes), the
// macro calls that led there as related locations, and the summary counts
// in the run's properties.
func writeCheckSARIF(w io.Writer, contentDir string, rep *detections.CheckReport) error {
	codes := detections.Codes()
	index := make(map[string]int, len(codes))
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "spelunk",
			InformationURI: "https://github.com/spelunk-dev/spelunk",
		}},
		Results:    []sarifResult{},
		Properties: map[string]any{"summary": rep.Summary},
	}
	for i, code := range codes {
		index[code] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: code, ShortDescription: sarifMessage{Text: detections.CodeDescription(code)},
			DefaultConfig: sarifConfig{Level: ruleLevel(diag.Code(code))},
		})
	}
	for _, f := range rep.Findings() {
		r := sarifResult{
			RuleID: string(f.Code), RuleIndex: index[string(f.Code)], Level: string(f.Severity),
			Message:   sarifMessage{Text: f.Message},
			Locations: []sarifLocation{sarifLoc(contentDir, f.Loc)},
			Properties: map[string]any{
				"detection": f.Detection, "detectionId": f.ID, "stage": string(f.Stage),
				"detectionFile": sarifURI(contentDir, f.File),
			},
		}
		if f.Macro != "" {
			r.Properties["macro"] = f.Macro
		}
		if f.Subject != "" {
			r.Properties["subject"] = f.Subject
		}
		for i, v := range f.Via {
			l := sarifLoc(contentDir, v.Loc)
			l.ID = i + 1
			l.Message = &sarifMessage{Text: "in expansion of `" + v.Call + "`"}
			r.RelatedLocations = append(r.RelatedLocations, l)
		}
		run.Results = append(run.Results, r)
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

func sarifLoc(contentDir string, l macros.Location) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysicalLocation{
		ArtifactLocation: sarifArtifact{URI: sarifURI(contentDir, l.File)},
	}}
	if l.Line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: l.Line, StartColumn: l.Col}
	}
	return loc
}

// sarifURI is file relative to the content directory, with forward
// slashes and escaped as a URI reference; a file outside it (a --macros
// override elsewhere) becomes an absolute file: URI.
func sarifURI(contentDir, file string) string {
	if rel, err := filepath.Rel(contentDir, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath()
	}
	if abs, err := filepath.Abs(file); err == nil {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	}
	return filepath.ToSlash(file)
}
