package eval

import (
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/splcommands"
)

// The command and function tables of docs/semantics.md list every command
// of Splunk's Search Reference and every eval function spelunk knows of
// with what spelunk does with it. TestSemanticsTables keeps their status
// columns in step with the registry (commands_table.go) and the function
// table (fn_table.go); -update-docs rewrites the status and reason cells,
// keeping the other columns.

var updateDocs = flag.Bool("update-docs", false, "rewrite the tables of docs/semantics.md")

const semanticsDoc = "../docs/semantics.md"

// docRow is one row of a table: its name cell and its other cells.
type docRow struct{ cells []string }

// commandStatusCell is the status column of a command.
func commandStatusCell(name string) (status, reason string) {
	info, ok := LookupCommand(name)
	switch {
	case !ok:
		return "unknown", ""
	case info.Status == CommandSupported:
		return "supported", ""
	case info.Status == CommandRefused:
		return "refused", info.Reason
	case info.Reason != "":
		return "unsupported", info.Reason
	}
	return "not yet", ""
}

func functionStatusCell(name string) (status, reason string) {
	if _, ok := functions[name]; ok {
		return "supported", ""
	}
	if r, ok := unsupportedFuncs[name]; ok {
		return "unsupported", r
	}
	return "not yet", ""
}

// readTable returns the rows (by name) of the table between the markers
// <!-- begin NAME table --> and <!-- end NAME table -->, and the text
// before and after it.
func readTable(t *testing.T, doc, table string) (rows map[string]docRow, before, after string) {
	t.Helper()
	begin, end := "<!-- begin "+table+" table -->\n", "<!-- end "+table+" table -->"
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: no %q … %q markers", semanticsDoc, begin, end)
	}
	rows = map[string]docRow{}
	for _, line := range strings.Split(doc[i+len(begin):j], "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.TrimSpace(line), "|")
		cells = cells[1 : len(cells)-1] // the row starts and ends with |
		for k := range cells {
			cells[k] = strings.TrimSpace(cells[k])
		}
		rows[strings.Trim(cells[0], "`")] = docRow{cells: cells}
	}
	return rows, doc[:i+len(begin)], doc[j:]
}

// tableRow formats one Markdown table row.
func tableRow(cells ...string) string {
	for i, c := range cells {
		if c == "" {
			cells[i] = " "
		} else {
			cells[i] = " " + c + " "
		}
	}
	return "|" + strings.Join(cells, "|") + "|\n"
}

func TestSemanticsTables(t *testing.T) {
	raw, err := os.ReadFile(semanticsDoc)
	if err != nil {
		t.Skipf("no %s: %v", semanticsDoc, err)
	}
	doc := string(raw)

	// commands
	cmdRows, before, after := readTable(t, doc, "commands")
	names := slices.Clone(splcommands.Names())
	for _, info := range Commands() {
		if !slices.Contains(names, info.Name) && splcommands.Documented(info.Name) {
			names = append(names, info.Name)
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	var b strings.Builder
	b.WriteString("| command | status | security_content detections | reason or note |\n|---|---|---|---|\n")
	for _, n := range names {
		status, reason := commandStatusCell(n)
		uses, note := "", ""
		if r, ok := cmdRows[n]; ok {
			if len(r.cells) > 2 {
				uses = r.cells[2]
			}
			if len(r.cells) > 3 {
				note = r.cells[3]
			}
			if !*updateDocs && r.cells[1] != status {
				t.Errorf("%s: command %s is %q in the table, %q in the registry (go test ./eval -run TestSemanticsTables -update-docs)", semanticsDoc, n, r.cells[1], status)
			}
		} else if !*updateDocs {
			t.Errorf("%s: command %s has no row (go test ./eval -run TestSemanticsTables -update-docs)", semanticsDoc, n)
		}
		if reason != "" {
			note = reason
		}
		b.WriteString(tableRow("`"+n+"`", status, uses, note))
	}
	doc = before + b.String() + after

	// functions
	fnRows, before, after := readTable(t, doc, "functions")
	fnames := append(FunctionNames(), laterFuncs...)
	for n := range unsupportedFuncs {
		fnames = append(fnames, n)
	}
	slices.Sort(fnames)
	fnames = slices.Compact(fnames)
	b.Reset()
	b.WriteString("| function | status | security_content detections | note |\n|---|---|---|---|\n")
	for _, n := range fnames {
		status, reason := functionStatusCell(n)
		uses, note := "", ""
		if r, ok := fnRows[n]; ok {
			if len(r.cells) > 2 {
				uses = r.cells[2]
			}
			if len(r.cells) > 3 {
				note = r.cells[3]
			}
			if !*updateDocs && r.cells[1] != status {
				t.Errorf("%s: function %s is %q in the table, %q in fn_table.go", semanticsDoc, n, r.cells[1], status)
			}
		} else if !*updateDocs {
			t.Errorf("%s: function %s has no row (go test ./eval -run TestSemanticsTables -update-docs)", semanticsDoc, n)
		}
		if reason != "" {
			note = reason
		}
		b.WriteString(tableRow("`"+n+"`", status, uses, note))
	}
	doc = before + b.String() + after
	if *updateDocs {
		if err := os.WriteFile(semanticsDoc, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
