package eval

import (
	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/splcommands"
)

// unknownCommand reports a command the registry (commands.go) has no
// entry for, or whose entry does not compile its node:
//
//   - a command of Splunk's Search Reference (or of an app security_content
//     uses) that spelunk does not implement: "unsupported";
//   - any other name is not a Splunk command: "invalid", with the nearest
//     Splunk command name when one is close (edit distance at most a third
//     of the name, at least 2).
func unknownCommand(c ast.Command, e *errs) {
	name := c.CommandName()
	if splcommands.Documented(name) {
		e.unsupportedCommand(c.Span(), "command %q is not supported yet", name)
		return
	}
	if app, ok := splcommands.App(name); ok {
		e.unsupportedCommand(c.Span(), "command %q (from the %s app) is not supported", name, app)
		return
	}
	msg := "unknown command %q: not a Splunk search command"
	if s := nearestCommand(name); s != "" {
		e.addf(c.Span(), msg+"; did you mean %q?", name, s)
		return
	}
	e.addf(c.Span(), msg, name)
}

// nearestCommand is the Splunk command nearest to name, or "".
func nearestCommand(name string) string { return splcommands.Nearest(name) }
