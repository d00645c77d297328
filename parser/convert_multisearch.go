package parser

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// multiSub converts multisearch, union and set: set takes its operation
// (union, diff or intersect) as its one word; the others take none.
// Splunk's union also accepts dataset names; only subsearches are read
// here.
func (c *converter) multiSub(g *gMultiSub, loc ast.Span) (ast.Command, error) {
	name := strings.ToLower(g.Name)
	opts, words := split(g.Items)
	for _, o := range g.After {
		opts = append(opts, o.option())
	}
	if err := c.checkOptions(name, opts); err != nil {
		return nil, err
	}
	cmd := &ast.MultisearchCommand{Loc: loc, Name: name, Options: opts}
	if name == "set" {
		if len(words) != 1 {
			return nil, errorf(c.query, int(loc.Start), "set needs one operation, union, diff or intersect, before its subsearches")
		}
		op := strings.ToLower(words[0].name())
		if op != "union" && op != "diff" && op != "intersect" {
			return nil, errorf(c.query, words[0].Pos.Offset, "set: %q is not union, diff or intersect", words[0].name())
		}
		cmd.Op = op
	} else if err := c.noPositional(name, words); err != nil {
		return nil, err
	}
	for _, s := range g.Subs {
		q, err := c.nested(s, leadGenerating)
		if err != nil {
			return nil, err
		}
		cmd.Subsearches = append(cmd.Subsearches, q)
	}
	return cmd, nil
}
