package sqlgen

import (
	"regexp/syntax"
	"strings"
	"unicode"
)

// caseFree rewrites a regular expression (RE2 syntax) for ClickHouse
// 18.16, whose match, extract and replaceRegexpAll look for a literal run
// of the expression (a "required substring") case-sensitively even under
// (?i) ('(?i)wmic' does not match "WMIC" there): every case-insensitive
// literal becomes classes of its case variants ('[Ww][Mm][Ii][Cc]'), which
// need no flag. An expression without case-insensitive literals, or that
// does not parse, is returned unchanged; so is one without an i flag
// (the parser reads a class such as [Ee] as a case-insensitive literal,
// which the server matches correctly).
func caseFree(re string) string {
	if !hasIFlag(re) {
		return re
	}
	t, err := syntax.Parse(re, syntax.Perl)
	if err != nil || !hasFold(t) {
		return re
	}
	return unfold(t).String()
}

// hasIFlag reports whether re sets the i flag: (?i) or (?i:...), among
// other flags.
func hasIFlag(re string) bool {
	for rest := re; ; {
		_, after, ok := strings.Cut(rest, "(?")
		if !ok {
			return false
		}
		end := strings.IndexAny(after, ":)")
		if end >= 0 && strings.Contains(after[:end], "i") && !strings.ContainsAny(after[:end], "<P'") {
			return true
		}
		rest = after
	}
}

func hasFold(re *syntax.Regexp) bool {
	if re.Op == syntax.OpLiteral && re.Flags&syntax.FoldCase != 0 {
		return true
	}
	for _, s := range re.Sub {
		if hasFold(s) {
			return true
		}
	}
	return false
}

func unfold(re *syntax.Regexp) *syntax.Regexp {
	for i, s := range re.Sub {
		re.Sub[i] = unfold(s)
	}
	if re.Op != syntax.OpLiteral || re.Flags&syntax.FoldCase == 0 {
		return re
	}
	flags := re.Flags &^ syntax.FoldCase
	var subs []*syntax.Regexp
	for _, r := range re.Rune {
		variants := []rune{r}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			variants = append(variants, f)
		}
		if len(variants) == 1 {
			subs = append(subs, &syntax.Regexp{Op: syntax.OpLiteral, Flags: flags, Rune: []rune{r}})
			continue
		}
		var ranges []rune
		for _, v := range variants {
			ranges = append(ranges, v, v)
		}
		subs = append(subs, &syntax.Regexp{Op: syntax.OpCharClass, Flags: flags, Rune: ranges})
	}
	if len(subs) == 1 {
		return subs[0]
	}
	return &syntax.Regexp{Op: syntax.OpConcat, Flags: flags, Sub: subs}
}
