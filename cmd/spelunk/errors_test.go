package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/diag"
)

// posRE finds the first "file:line:col:" of an error output.
var posRE = regexp.MustCompile(`(\S+):(\d+):(\d+):`)

// errorPlace returns the first file:line:col and the caret line of an
// error output, the caret line without the indentation before its "|".
func errorPlace(t *testing.T, out string) (pos, caret string) {
	t.Helper()
	m := posRE.FindStringSubmatch(out)
	require.NotNil(t, m, "no position in %q", out)
	for line := range strings.SplitSeq(out, "\n") {
		if l := strings.TrimLeft(line, " "); strings.HasPrefix(l, "|") && strings.HasSuffix(l, "^") {
			return strings.TrimPrefix(m[0], "spelunk: "), l
		}
	}
	t.Fatalf("no caret line in %q", out)
	return "", ""
}

// writeContent writes a content directory holding one detection with
// search and, when macro is not empty, the macro file macros/bad.yml.
func writeContent(t *testing.T, search, macro string) (dir, detFile, macroFile string) {
	t.Helper()
	dir = t.TempDir()
	detFile = filepath.Join(dir, "detections", "endpoint", "multibyte.yml")
	macroFile = filepath.Join(dir, "macros", "bad.yml")
	require.NoError(t, os.MkdirAll(filepath.Dir(detFile), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Dir(macroFile), 0o755))
	yml := "name: Multibyte Search\nid: 00000000-0000-4000-8000-0000000000aa\nstatus: production\nsearch: |-\n  " + search + "\n"
	require.NoError(t, os.WriteFile(detFile, []byte(yml), 0o644))
	if macro != "" {
		require.NoError(t, os.WriteFile(macroFile, []byte(macro), 0o644))
	}
	return dir, detFile, macroFile
}

// TestSamePositionEverywhere feeds the same malformed search, with
// multibyte text before the error, to parse, run, detect and check, and
// checks that they all report the same line and column (counted in
// characters) and draw the same caret line.
func TestSamePositionEverywhere(t *testing.T) {
	cases := []struct {
		name, query, token string // token: where the error is; "" for the end
		syntax             bool   // a syntax error, which parse reports too
	}{
		{"tstats after é", `| search x="é" | tstats count frm datamodel=Endpoint.Processes`, "frm", true},
		{"stats by at the end after 日本", `| makeresults | eval y="日本" | stats count by`, "", true},
		{"unknown function after é", `| makeresults | eval y="é", z=frobnicate(y)`, "frobnicate", false},
		{"unknown stats function after a tab and ü", "| makeresults | eval y=\"ü\"\t| stats count frm x", "frm", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			off := len(tc.query)
			if tc.token != "" {
				off = strings.Index(tc.query, tc.token)
			}
			at := diag.At("", tc.query, off)
			wantCaret := strings.TrimLeft(strings.Split(diag.Caret(tc.query, off), "\n")[1], " ")
			dir, detFile, _ := writeContent(t, tc.query, "")
			// the search sits on line 5 of the detection, indented by two
			inDetection := diag.Pos{File: detFile, Line: 5, Col: at.Col + 2}.String() + ":"
			runs := []struct {
				cmd  string
				args []string
				want string
			}{
				{"parse", []string{"parse", tc.query}, "<query>:" + at.String() + ":"},
				{"run", []string{"run", "--data", exampleLog, tc.query}, "<query>:" + at.String() + ":"},
				{"detect", []string{"detect", "--content", dir, "--data", exampleLog, "--detection", "Multibyte Search"}, inDetection},
				{"check", []string{"check", "--content", dir}, inDetection},
			}
			for _, r := range runs {
				if r.cmd == "parse" && !tc.syntax {
					continue
				}
				code, out, errOut := spelunk(t, "", r.args...)
				assert.NotEqual(t, 0, code, "%s: %s", r.cmd, out)
				pos, caret := errorPlace(t, out+errOut)
				assert.Equal(t, r.want, pos, r.cmd)
				assert.Equal(t, wantCaret, caret, r.cmd)
			}
		})
	}
}

// TestSamePositionInMacro checks an error inside a macro's definition:
// run, detect and check all report the macro file's line and column
// (in characters, after multibyte text) and the same caret under the
// expanded search.
func TestSamePositionInMacro(t *testing.T) {
	macro := "name: bad_stats\ndefinition: 'eval y=\"日本\" | stats count frm x'\n"
	query := "| makeresults | `bad_stats`"
	dir, _, macroFile := writeContent(t, query, macro)
	expanded := "| makeresults | eval y=\"日本\" | stats count frm x"
	wantCaret := strings.TrimLeft(strings.Split(diag.Caret(expanded, strings.Index(expanded, "frm")), "\n")[1], " ")
	want := diag.At(macroFile, macro, strings.Index(macro, "frm")).String() + ":"
	assert.True(t, strings.HasSuffix(want, "bad.yml:2:40:"), want)
	runs := []struct {
		cmd  string
		args []string
	}{
		{"run", []string{"run", "--content", dir, "--data", exampleLog, query}},
		{"detect", []string{"detect", "--content", dir, "--data", exampleLog, "--detection", "Multibyte Search"}},
		{"check", []string{"check", "--content", dir}},
	}
	for _, r := range runs {
		code, out, errOut := spelunk(t, "", r.args...)
		assert.NotEqual(t, 0, code, "%s: %s", r.cmd, out)
		pos, caret := errorPlace(t, out+errOut)
		assert.Equal(t, want, pos, r.cmd)
		assert.Equal(t, wantCaret, caret, r.cmd)
		assert.Contains(t, out+errOut, "bad_stats", r.cmd)
	}
}
