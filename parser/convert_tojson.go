package parser

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// tojsonTypes are tojson's datatype functions.
var tojsonTypes = []string{"auto", "bool", "json", "none", "num", "str"}

func (c *converter) tojson(g *gTojson, loc ast.Span) (ast.Command, error) {
	cmd := &ast.TojsonCommand{Loc: loc}
	for _, it := range g.Items {
		if it.Opt != nil {
			cmd.Options = append(cmd.Options, it.Opt.option())
			continue
		}
		t := strings.ToLower(it.Fn.Type)
		if !containsFold(tojsonTypes, t) {
			return nil, errorf(c.query, it.Fn.Pos.Offset, "tojson: %q is not a datatype function (auto, bool, json, none, num, str)", it.Fn.Type)
		}
		cmd.Functions = append(cmd.Functions, ast.TojsonFunction{Loc: span(it.Fn.Pos, it.Fn.EndPos), Type: t, Field: it.Fn.Field.name()})
	}
	if err := c.checkOptions("tojson", cmd.Options); err != nil {
		return nil, err
	}
	return cmd, nil
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
