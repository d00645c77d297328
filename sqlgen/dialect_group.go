package sqlgen

import "regexp/syntax"

// onlyGroup rewrites the regular expression re (RE2 syntax, which the
// generator has checked) so that capture group i (1-based) is its only
// group: the others become non-capturing. re is returned unchanged when it
// does not parse.
func onlyGroup(re string, i int) string {
	t, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return re
	}
	return keepGroup(t, i).String()
}

func keepGroup(re *syntax.Regexp, i int) *syntax.Regexp {
	for j, s := range re.Sub {
		re.Sub[j] = keepGroup(s, i)
	}
	if re.Op == syntax.OpCapture {
		if re.Cap != i {
			return re.Sub[0]
		}
		re.Name = ""
		re.Cap = 1
	}
	return re
}
