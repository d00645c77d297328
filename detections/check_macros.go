package detections

import (
	"github.com/spelunk-dev/spelunk/macros"
)

// expansionWarnings returns the expander's warnings as findings: each
// call to a Splunk app macro (ES, CIM, ...) that no loaded file defines,
// which the expander replaced by a placeholder (macros.Options.AppMacros)
// so that the rest of the search is still checked. Subject is the called
// macro's stanza name.
func (s *searchCheck) expansionWarnings(x *macros.Expansion) []Finding {
	var out []Finding
	for _, w := range x.Warnings {
		f := Finding{
			Severity: SeverityWarning, Stage: StageExpand, Code: CodeAppMacro,
			Loc: w.Loc, Message: w.Msg, Subject: w.Macro,
		}
		f.Snippet = s.fileSnippet(f.Loc)
		out = append(out, f)
	}
	return out
}

// nameAlphabet is what macro names are made of, for typo suggestions.
const nameAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789_-"

// maxSuggestArity bounds the arities tried for a suggestion.
const maxSuggestArity = 5

// nearMacro suggests a defined macro one edit (a deleted, inserted,
// replaced or two swapped characters) away from name, with any arity up to
// maxSuggestArity; "" when there is none. Candidates are tried in a fixed
// order, so the suggestion is deterministic. The `<name>_filter` fallback
// is never suggested: every such name resolves.
func (s *searchCheck) nearMacro(name string) string {
	if len(name) > 100 {
		return ""
	}
	found := ""
	try := func(cand string) bool {
		if cand == name || cand == "" {
			return false
		}
		for ar := 0; ar <= maxSuggestArity; ar++ {
			if m, ok := s.lib.Lookup(cand, ar); ok && !isFilterFallback(m) {
				found = cand
				return true
			}
		}
		return false
	}
	b := []byte(name)
	for i := range b { // deletions
		if try(string(b[:i]) + string(b[i+1:])) {
			return found
		}
	}
	for i := 0; i+1 < len(b); i++ { // transpositions
		c := append([]byte(nil), b...)
		c[i], c[i+1] = c[i+1], c[i]
		if try(string(c)) {
			return found
		}
	}
	for i := range b { // replacements
		for j := range len(nameAlphabet) {
			if nameAlphabet[j] == b[i] {
				continue
			}
			if try(string(b[:i]) + string(nameAlphabet[j]) + string(b[i+1:])) {
				return found
			}
		}
	}
	for i := 0; i <= len(b); i++ { // insertions
		for j := range len(nameAlphabet) {
			if try(string(b[:i]) + string(nameAlphabet[j]) + string(b[i:])) {
				return found
			}
		}
	}
	return ""
}

// isFilterFallback reports whether m is the synthesised `<name>_filter`
// definition rather than a real one.
func isFilterFallback(m macros.Macro) bool {
	return m.Builtin && len(m.Args) == 0 && m.Definition == "search *" && m.Name != "drop_dm_object_name"
}
