package ast

import "strings"

// Assignment is one `field=expr` of eval. Field may be `{f}`: a field
// named by f's value.
type Assignment struct {
	Loc   Span
	Field string
	Expr  Expr
}

// EvalCommand is `eval a=expr, b=expr`; assignments run left to right.
type EvalCommand struct {
	Loc         Span
	Assignments []Assignment
}

// WhereCommand is `where expr`: keeps the rows for which expr is true.
type WhereCommand struct {
	Loc  Span
	Expr Expr
}

// String implements Node.
func (a Assignment) String() string { return QuoteField(a.Field) + "=" + nodeString(a.Expr) }

// Span implements Node.
func (a Assignment) Span() Span { return a.Loc }

// String implements Node.
func (c *EvalCommand) String() string {
	if c == nil {
		return ""
	}
	parts := make([]string, len(c.Assignments))
	for i, a := range c.Assignments {
		parts[i] = a.String()
	}
	return "eval " + strings.Join(parts, ", ")
}

// String implements Node.
func (c *WhereCommand) String() string {
	if c == nil {
		return ""
	}
	return "where " + nodeString(c.Expr)
}

// Span implements Node.
func (c *EvalCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// Span implements Node.
func (c *WhereCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*EvalCommand) CommandName() string { return "eval" }

// CommandName implements Command.
func (*WhereCommand) CommandName() string { return "where" }

func (*EvalCommand) commandNode()  {}
func (*WhereCommand) commandNode() {}

// FieldformatCommand is `fieldformat field=expr, ...`: eval syntax that
// sets how Splunk displays a field, not its value.
type FieldformatCommand struct {
	Loc         Span
	Assignments []Assignment
}

// String implements Node.
func (c *FieldformatCommand) String() string {
	if c == nil {
		return ""
	}
	parts := make([]string, len(c.Assignments))
	for i, a := range c.Assignments {
		parts[i] = a.String()
	}
	return "fieldformat " + strings.Join(parts, ", ")
}

// Span implements Node.
func (c *FieldformatCommand) Span() Span {
	if c == nil {
		return Span{}
	}
	return c.Loc
}

// CommandName implements Command.
func (*FieldformatCommand) CommandName() string { return "fieldformat" }

func (*FieldformatCommand) commandNode() {}
