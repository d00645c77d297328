package parser

import (
	"flag"
	"os"
	"testing"
)

// TestGrammarEBNF pins the grammar as EBNF so that grammar changes show in
// review. Rewrite it with -update (the flag of the golden tests).
func TestGrammarEBNF(t *testing.T) {
	got := "# search (and the leading implicit search)\n" + searchParser.String() +
		"\n\n# tstats\n" + tstatsParser.String() +
		"\n\n# rename\n" + renameParser.String() +
		"\n\n# convert\n" + convertParser.String() + "\n"
	const file = "testdata/grammar.ebnf"
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("grammar changed; run go test ./parser -update and review testdata/grammar.ebnf\n%s", got)
	}
}
