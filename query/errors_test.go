package query

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/macros"
)

// TestLineCounterCountsCharacters checks that query positions agree with
// diag.At, which spelunk parse uses, after multibyte and invalid text.
func TestLineCounterCountsCharacters(t *testing.T) {
	text := "| search x=\"é\xff\"\n| eval y=\"日本\" | z"
	locate := lineCounter(text, macros.Location{File: "<query>", Line: 1, Col: 1})
	for _, needle := range []string{"| search", "x=", "\"\n", "| eval", "| z"} {
		off := strings.Index(text, needle)
		assert.Equal(t, diag.At("<query>", text, off).String(), locate(off).String(), needle)
	}
	at := lineCounter("a é b", macros.Location{File: "d.yml", Line: 5, Col: 3})
	assert.Equal(t, "d.yml:5:7", at(len("a é ")).String())
}

// TestSearchErrorCodes checks that each stage's SearchError carries the
// code its error was raised with, and the class derived from it.
func TestSearchErrorCodes(t *testing.T) {
	conf := filepath.Join(t.TempDir(), "macros.conf")
	require.NoError(t, os.WriteFile(conf, []byte("[one(1)]\nargs = a\ndefinition = $a$\n"), 0o644))
	env := newEnv(t, Config{Macros: []string{conf}})
	cases := []struct {
		query string
		stage string
		code  diag.Code
		class diag.Class
		loc   string
	}{
		{"| makeresults | `nope`", "expand", diag.CodeUnknownMacro, diag.ClassInvalid, "q:1:17"},
		{"| makeresults | `one(a,b)`", "expand", diag.CodeMacroArity, diag.ClassInvalid, "q:1:17"},
		{"| eval x=\"é\" | stats count by", "parse", diag.CodeParseError, diag.ClassInvalid, "q:1:30"},
		{"| makeresults | eval x=\"é\" | associate a b c", "compile", diag.CodeUnsupportedCommand, diag.ClassUnsupported, "q:1:30"},
		{"| makeresults | eval x=\"é\" | sendemail to=x", "compile", diag.CodeRefused, diag.ClassRefused, "q:1:30"},
		{"| makeresults | eval x=\"é\", y=frob(x)", "compile", diag.CodeCompileError, diag.ClassInvalid, "q:1:31"},
	}
	for _, tc := range cases {
		_, err := env.CompileSource(Source{Text: tc.query, At: macros.Location{File: "q", Line: 1, Col: 1}})
		var se *SearchError
		require.True(t, errors.As(err, &se), "%s: %v", tc.query, err)
		assert.Equal(t, tc.stage, se.Stage, tc.query)
		assert.Equal(t, tc.code, se.Code, tc.query)
		assert.Equal(t, tc.class, se.Class(), tc.query)
		assert.Equal(t, tc.loc, se.Loc.String(), tc.query)
		if tc.stage != "expand" {
			assert.Equal(t, diag.Caret(tc.query, diag.OffsetOf(tc.query, 1, se.Loc.Col)), se.Snippet, tc.query)
		}
	}
}
