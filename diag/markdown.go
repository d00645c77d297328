package diag

import "strings"

// MarkdownTable renders every code as a Markdown table: code, class, what
// raises it, its description and an example message. docs/errors.md
// holds it between markers; a test keeps the two in step.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| Code | Class | Raised by | Meaning | Example message |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, in := range table {
		b.WriteString("| `" + string(in.Code) + "` | " + string(in.Class) + " | " + cell(in.RaisedBy) +
			" | " + cell(in.Desc) + " | " + cell(in.Example) + " |\n")
	}
	return b.String()
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace(s)
}
