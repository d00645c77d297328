package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/golden"
)

// TestGrammarEBNF pins the grammar as EBNF so that grammar changes show in
// review. Rewrite it with -update.
func TestGrammarEBNF(t *testing.T) {
	var b strings.Builder
	for _, g := range []struct {
		name string
		p    fmt.Stringer
	}{
		{"search (and the leading implicit search)", searchParser},
		{"tstats", tstatsParser},
		{"rename", renameParser},
		{"convert", convertParser},
		{"eval expression (ParseExpr; Expr is parseExprTokens)", evalExprParser},
		{"eval", evalParser},
		{"where", whereParser},
		{"head", headParser},
		{"stats, eventstats, streamstats", statsParser},
		{"table", tableParser},
		{"fields", fieldsParser},
		{"fillnull", fillnullParser},
		{"replace", replaceParser},
		{"addtotals, mvexpand, makemv, makeresults", itemsParser},
		{"sort", sortParser},
		{"tail", tailParser},
		{"dedup", dedupParser},
		{"bin, bucket", binParser},
		{"lookup", lookupParser},
		{"inputlookup", inputlookupParser},
		{"outputlookup, rex, spath, xmlkv, fromjson, extract, iplocation, map, from, datamodel", simpleParser},
		{"regex", regexParser},
		{"multikv", multikvParser},
		{"join, append, appendcols, appendpipe, foreach", subCmdParser},
		{"multisearch, union, set", multiSubParser},
		{"tojson", tojsonParser},
		{"transaction", transactionParser},
		{"mstats", mstatsParser},
		{"timechart", timechartParser},
		{"chart", chartParser},
		{"top, rare", topParser},
	} {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("# " + g.name + "\n" + g.p.String())
	}
	got := b.String() + "\n"
	golden.File(t, "testdata/grammar.ebnf", got)
}
