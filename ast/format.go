package ast

import "strings"

// formatWidth is the line width Format aims for; see FORMAT.md.
const formatWidth = 100

// Format returns q as pretty multi-line SPL: one command per line, long
// commands split into clauses. The result parses back to a tree equal to q
// (positions aside), and formatting it again gives the same text. The rules
// are in FORMAT.md. A nil q is empty.
func Format(q *Query) string {
	if q == nil {
		return ""
	}
	var b strings.Builder
	for i, c := range q.Commands {
		prefix := "| "
		if i == 0 && c.CommandName() == "search" {
			prefix = ""
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(formatCommand(c, prefix))
	}
	return b.String()
}

const (
	indent     = "    "   // continuation lines of a command
	termIndent = "      " // continuation lines inside a where clause
)

func formatCommand(c Command, prefix string) string {
	one := prefix + c.String()
	if len(one) <= formatWidth {
		return one
	}
	switch c := c.(type) {
	case *TstatsCommand:
		return formatTstats(c, prefix)
	case *SearchCommand:
		if c.Expr != nil {
			return strings.Join(formatExpr(prefix+"search ", indent, c.Expr), "\n")
		}
	case *RenameCommand:
		words := make([]string, len(c.Pairs))
		for i, p := range c.Pairs {
			words[i] = p.String()
			if i < len(c.Pairs)-1 {
				words[i] += ","
			}
		}
		return strings.Join(wrap(prefix+"rename", indent, words), "\n")
	}
	return one
}

func formatTstats(c *TstatsCommand, prefix string) string {
	var lines []string
	head := prefix + "tstats"
	for _, o := range c.Options {
		head += " " + o.String()
	}
	lines = append(lines, head)
	aggs := make([]string, len(c.Aggregates))
	for i, a := range c.Aggregates {
		aggs[i] = a.String()
	}
	lines = append(lines, wrap(strings.TrimSuffix(indent, " "), indent, aggs)...)
	if c.Datamodel != "" {
		lines = append(lines, indent+"from datamodel="+NewLiteral(c.Datamodel).String())
	}
	if c.Where != nil {
		lines = append(lines, formatExpr(indent+"where ", termIndent, c.Where)...)
	}
	if len(c.By) > 0 || c.BySpan != "" {
		by := make([]string, 0, len(c.By)+1)
		for _, f := range c.By {
			by = append(by, QuoteField(f))
		}
		if c.BySpan != "" {
			by = append(by, "span="+NewLiteral(c.BySpan).String())
		}
		lines = append(lines, wrap(indent+"by", indent+"   ", by)...)
	}
	return strings.Join(lines, "\n")
}

// formatExpr writes e after first; when that is too long and e is an AND,
// each of its terms goes on a line of its own after cont.
func formatExpr(first, cont string, e SearchExpr) []string {
	one := first + e.String()
	and, ok := e.(*SearchAnd)
	if len(one) <= formatWidth || !ok {
		return []string{one}
	}
	lines := make([]string, len(and.Terms))
	for i, t := range and.Terms {
		p := cont
		if i == 0 {
			p = first
		}
		lines[i] = p + operand(t, precOr)
	}
	return lines
}

// wrap joins words after first, each preceded by a space, starting a new line after cont
// whenever the line would pass formatWidth. Each line holds at least one
// word.
func wrap(first, cont string, words []string) []string {
	var lines []string
	line := first
	n := 0 // words on the current line
	for _, w := range words {
		if n > 0 && len(line)+1+len(w) > formatWidth {
			lines = append(lines, line)
			line, n = cont+w, 1
			continue
		}
		line += " " + w
		n++
	}
	return append(lines, line)
}
