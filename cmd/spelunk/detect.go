package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/query"
)

// detectCmd is `spelunk detect`.
type detectCmd struct {
	Content   string   `help:"security_content directory (macros/, detections/)." required:"" type:"existingdir" placeholder:"DIR"`
	Macros    []string `help:"Macro file or directory overriding the content's macros (repeatable, later wins)." placeholder:"PATH"`
	Detection []string `help:"Detection to run: name, id or YAML file (repeatable; default every detection that can run)." placeholder:"NAME|ID|FILE"`
	Explain   bool     `help:"After each detection's results, show how many rows each term of the first command's filter kept (cumulatively), then each command's rows in and out."`
	dataFlags
	evalFlags
	lookupFlags
}

// Run implements the subcommand.
func (c *detectCmd) Run(e *env) error {
	ctx := context.Background()
	if len(c.Data) == 0 {
		return usageErr("detect needs the logs to run over: --data PATH")
	}
	cfg := contentConfig(c.Content, c.Macros)
	if err := c.evalFlags.apply(&cfg); err != nil {
		return err
	}
	if err := c.lookupFlags.apply(&cfg); err != nil {
		return err
	}
	var err error
	if cfg.Ingest, err = c.ingestOptions(e); err != nil {
		return err
	}
	qe, err := newEnv(cfg)
	if err != nil {
		return err
	}
	content, err := detections.Open(qe)
	if err != nil {
		return usageErr("%v", err)
	}
	compiled, err := c.compileAll(e, content)
	if err != nil {
		return err
	}
	searches := make([]*query.Search, len(compiled))
	for i, cd := range compiled {
		searches[i] = cd.search
	}
	data, _, err := c.load(ctx, e, qe, searches, c.Explain)
	if err != nil {
		return err
	}
	var csvw *csv.Writer
	if c.Format == formatCSV {
		csvw = csv.NewWriter(e.stdout)
		if err := csvw.Write([]string{"detection_id", "detection", "risk_score", "risk_message", "result"}); err != nil {
			return err
		}
	}
	// A detection that fails at run time (a lookup file it needs is
	// missing, a regex times out) is reported and the others still run;
	// the exit code says some failed.
	failed := 0
	for _, cd := range compiled {
		res, err := cd.search.Exec(ctx, data)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "spelunk: %s: %s\n", cd.detection.Name, describe(err))
			continue
		}
		if c.Profile {
			fmt.Fprintf(e.stderr, "%s:\n", cd.detection.Name)
			writeProfile(e.stderr, nil, res)
		}
		if err := c.write(e, csvw, cd.detection, res); err != nil {
			return err
		}
		if c.Explain {
			ex, err := cd.search.Explain(ctx, data)
			if err != nil {
				return err
			}
			if err := c.writeExplain(e, cd.detection, ex); err != nil {
				return err
			}
		}
	}
	if csvw != nil {
		csvw.Flush()
		if err := csvw.Error(); err != nil {
			return err
		}
	}
	if failed > 0 {
		return &exitError{code: 2, msg: fmt.Sprintf("%d of %d detections could not run (see above)", failed, len(compiled))}
	}
	return nil
}

// compileAll compiles the detections asked for. Named detections must
// compile; when none is named, every detection under the content directory
// that compiles runs, and the others are counted on stderr with the first
// reasons.
func (c *detectCmd) compileAll(e *env, content *detections.Content) ([]compiledDetection, error) {
	var out []compiledDetection
	if len(c.Detection) > 0 {
		for _, ref := range c.Detection {
			d, err := content.Find(ref)
			if err != nil {
				return nil, usageErr("%v", err)
			}
			s, err := content.Compile(d)
			if err != nil {
				return nil, usageErr("%s: %s", d.Name, describe(err))
			}
			out = append(out, compiledDetection{d, s})
		}
		return out, nil
	}
	files, err := content.DetectionFiles()
	if err != nil {
		return nil, usageErr("%v", err)
	}
	var notRunnable []string
	for _, f := range files {
		d, err := detections.LoadFile(f)
		if err != nil {
			notRunnable = append(notRunnable, err.Error())
			continue
		}
		if d.Deprecated() {
			continue
		}
		s, err := content.Compile(d)
		if err != nil {
			notRunnable = append(notRunnable, err.Error())
			continue
		}
		out = append(out, compiledDetection{d, s})
	}
	if len(notRunnable) > 0 {
		fmt.Fprintf(e.stderr, "running %d detections; %d cannot run yet, for example:\n", len(out), len(notRunnable))
		for _, r := range notRunnable[:min(3, len(notRunnable))] {
			fmt.Fprintln(e.stderr, "  "+r)
		}
	}
	return out, nil
}

// compiledDetection is a detection and its compiled search.
type compiledDetection struct {
	detection *detections.Detection
	search    *query.Search
}

// write prints one detection's results.
func (c *detectCmd) write(e *env, csvw *csv.Writer, d *detections.Detection, res *eval.Result) error {
	messages := make([]string, len(res.Rows))
	for i, row := range res.Rows {
		messages[i] = detections.RenderMessage(d.Message, lookupField(res.Fields, row))
	}
	switch c.Format {
	case formatJSON:
		for i, row := range res.Rows {
			obj, err := rowJSON(res.Fields, row)
			if err != nil {
				return err
			}
			env, err := marshalJSON(struct {
				ID        string          `json:"detection_id"`
				Name      string          `json:"detection"`
				RiskScore int             `json:"risk_score"`
				Message   string          `json:"risk_message"`
				Result    json.RawMessage `json:"result"`
			}{d.ID, d.Name, d.RiskScore, messages[i], obj})
			if err != nil {
				return err
			}
			if _, err := fmt.Fprintln(e.stdout, string(env)); err != nil {
				return err
			}
		}
		return nil
	case formatCSV:
		for i, row := range res.Rows {
			obj, err := rowJSON(res.Fields, row)
			if err != nil {
				return err
			}
			if err := csvw.Write([]string{d.ID, d.Name, fmt.Sprint(d.RiskScore), messages[i], string(obj)}); err != nil {
				return err
			}
		}
		return nil
	default:
		fmt.Fprintf(e.stdout, "== %s (%s): %d %s\n", d.Name, d.ID, len(res.Rows), plural(len(res.Rows), "result", "results"))
		withMsg := &eval.Result{Fields: append(append([]string(nil), res.Fields...), "risk_message")}
		for i, row := range res.Rows {
			withMsg.Rows = append(withMsg.Rows, append(append(eval.Row(nil), row...), eval.Str(messages[i])))
		}
		if err := writeTable(e.stdout, withMsg); err != nil {
			return err
		}
		_, err := fmt.Fprintln(e.stdout)
		return err
	}
}

// lookupField gives RenderMessage access to a row's values; multivalue
// fields render comma-separated.
func lookupField(fields []string, row eval.Row) func(string) (string, bool) {
	return func(name string) (string, bool) {
		for i, f := range fields {
			if f == name && !row[i].IsNull() {
				return strings.Join(row[i].Strings(), ","), true
			}
		}
		return "", false
	}
}
