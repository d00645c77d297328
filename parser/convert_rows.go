package parser

import (
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// sortKeys converts sort items into keys; a leading sign may be a word of
// its own (`- count`) or glued (`-count`). A field name after the sign
// never starts with another sign: `sort +-` would print as `sort -`, a
// sign without its field, and `sort +-0` as `sort -0`, descending.
func (c *converter) sortKeys(items []*gSortItem) ([]ast.SortKey, error) {
	keys := make([]ast.SortKey, 0, len(items))
	for _, it := range items {
		k := ast.SortKey{Loc: span(it.Pos, it.EndPos), Desc: it.Sign == "-"}
		name := it.Key.name()
		if it.Sign == "" && it.Key.Word != nil && len(name) > 1 && (name[0] == '-' || name[0] == '+') {
			k.Desc = name[0] == '-'
			name = name[1:]
		}
		if it.Arg != nil {
			k.Func = strings.ToLower(name)
			name = it.Arg.name()
		}
		if name == "" || name[0] == '-' || name[0] == '+' {
			return nil, errorf(c.query, it.Key.Pos.Offset, "expected a field name after the sign, not %q", name)
		}
		k.Field = name
		keys = append(keys, k)
	}
	return keys, nil
}

// isBare reports whether a sort item is a plain unsigned word.
func (it *gSortItem) isBare() bool {
	return it.Opt == nil && it.Sign == "" && it.Arg == nil && it.Key.Word != nil
}

// sort: a first bare integer is the limit (as is limit=N); a last bare d
// or desc after at least one key reverses the order.
func (c *converter) sort(g *gSort, loc ast.Span) (ast.Command, error) {
	cmd := &ast.SortCommand{Loc: loc}
	items := g.Items
	var keys []*gSortItem
	for i, it := range items {
		switch {
		case it.Opt != nil && equalFold(it.Opt.Key, "limit"):
			n, err := c.count(it.Opt.Value.name(), it.Opt.Value.Pos.Offset)
			if err != nil {
				return nil, err
			}
			cmd.Limit, cmd.LimitSet = n, true
		case it.Opt != nil:
			return nil, errorf(c.query, it.Pos.Offset, "sort: unknown option %q", it.Opt.Key)
		case i == 0 && it.isBare() && isInteger(*it.Key.Word):
			n, err := c.count(*it.Key.Word, it.Pos.Offset)
			if err != nil {
				return nil, err
			}
			cmd.Limit, cmd.LimitSet = n, true
		case i == len(items)-1 && len(keys) > 0 && it.isBare() && (equalFold(*it.Key.Word, "d") || equalFold(*it.Key.Word, "desc")):
			cmd.Reverse = true
		default:
			keys = append(keys, it)
		}
	}
	if len(keys) == 0 {
		return nil, errorf(c.query, int(loc.End), "sort: missing the fields to sort by")
	}
	sortKeys, err := c.sortKeys(keys)
	if err != nil {
		return nil, err
	}
	cmd.Keys = sortKeys
	return cmd, nil
}

func isInteger(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func (c *converter) tail(g *gTail, loc ast.Span) (ast.Command, error) {
	cmd := &ast.TailCommand{Loc: loc}
	if g.N != nil {
		n, err := c.count(g.N.name(), g.N.Pos.Offset)
		if err != nil {
			return nil, err
		}
		cmd.Limit, cmd.LimitSet = n, true
	}
	return cmd, nil
}

// dedup: a first bare integer followed by fields is the count.
func (c *converter) dedup(g *gDedup, loc ast.Span) (ast.Command, error) {
	opts, fields := split(g.Items)
	cmd := &ast.DedupCommand{Loc: loc, Options: opts}
	if len(fields) > 1 && fields[0].Word != nil && isInteger(*fields[0].Word) && g.Items[0].Field == fields[0] {
		n, err := c.count(*fields[0].Word, fields[0].Pos.Offset)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, errorf(c.query, fields[0].Pos.Offset, "dedup: the count must be at least 1")
		}
		cmd.Limit = n
		fields = fields[1:]
	}
	if len(fields) == 0 {
		return nil, errorf(c.query, int(loc.End), "dedup: missing the fields to deduplicate on")
	}
	cmd.Fields = names(fields)
	if len(g.SortBy) > 0 {
		sortBy, err := c.sortKeys(g.SortBy)
		if err != nil {
			return nil, err
		}
		cmd.SortBy = sortBy
	}
	return cmd, nil
}

func (c *converter) bin(g *gBin, loc ast.Span) (ast.Command, error) {
	opts, fields := split(g.Items)
	after, more := split(g.After)
	if len(more) > 0 {
		return nil, errorf(c.query, more[0].Pos.Offset, "bin: unexpected %q after AS name", more[0].name())
	}
	f, err := c.oneField("bin", fields, loc)
	if err != nil {
		return nil, err
	}
	cmd := &ast.BinCommand{Loc: loc, Name: strings.ToLower(g.Name), Options: append(opts, after...), Field: f}
	if g.As != nil {
		cmd.As = g.As.name()
	}
	return cmd, nil
}
