package eval

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/internal/jsontree"
)

// JSON functions [D S-jsonfn: Search Reference "JSON functions"]. Splunk
// keeps a JSON type inside eval; spelunk's values are strings, numbers and
// multivalues, so [U]:
//
//   - a value given to json_object, json_array, json_set, json_append is
//     embedded as: a number as a JSON number, a boolean as true/false, null
//     as null, a multivalue as an array of strings, a string holding a JSON
//     object or array (the result of another JSON function) as that JSON,
//     any other string as a JSON string;
//   - JSON results are compact text (no spaces), members in order;
//   - paths (json_extract, json_keys, json_set, json_append, json_extend,
//     json_delete) are dotted keys with {N} array indexes and {} for
//     every element; indexes count from 0 [I: as Splunk's JSON access
//     expressions do ("Because the index count starts with 0"); spath's
//     {N} counts from 1]; the *_exact variants take keys literally;
//   - json_extract with one path returns the native value (string,
//     number, or JSON text of an object or array); with several paths, or a
//     path through {}, a JSON array of the matches; a path that matches
//     nothing is null;
//   - invalid JSON input gives null (json_valid false).
var jsonFuncs = map[string]*funcSpec{
	"json": {min: 1, max: 1, pure: true, fn: func(a []Value) Value {
		if _, ok := parseJSONArg(a[0]); !ok {
			return Null()
		}
		return first(a[0])
	}},
	"json_valid": {min: 1, max: 1, pure: true, ret: tBool, fn: func(a []Value) Value {
		_, ok := parseJSONArg(a[0])
		return boolVal(ok)
	}},
	"json_object": {min: 0, max: -1, pure: true, ret: tStr, fn: fnJSONObject},
	"json_array": {min: 0, max: -1, pure: true, ret: tStr, fn: func(a []Value) Value {
		n := &jsontree.Node{Kind: jsontree.Array}
		for _, v := range a {
			n.Kids = append(n.Kids, valueNode(v))
		}
		return Str(encodeJSON(n))
	}},
	"json_extract":       {min: 1, max: -1, pure: true, fn: func(a []Value) Value { return jsonExtract(a, false) }},
	"json_extract_exact": {min: 1, max: -1, pure: true, fn: func(a []Value) Value { return jsonExtract(a, true) }},
	"json_keys": {min: 1, max: -1, pure: true, ret: tStr, fn: func(a []Value) Value {
		root, ok := parseJSONArg(a[0])
		if !ok {
			return Null()
		}
		targets := []*jsontree.Node{root}
		if len(a) > 1 {
			targets = nil
			for _, p := range a[1:] {
				targets = append(targets, jsonWalk(root, jsonFnPath(first(p).String(), false))...)
			}
		}
		out := &jsontree.Node{Kind: jsontree.Array}
		for _, t := range targets {
			if t.Kind != jsontree.Object {
				continue
			}
			keys := &jsontree.Node{Kind: jsontree.Array}
			for _, k := range t.Keys {
				keys.Kids = append(keys.Kids, &jsontree.Node{Kind: jsontree.String, Text: k})
			}
			if len(targets) == 1 {
				return Str(encodeJSON(keys))
			}
			out.Kids = append(out.Kids, keys)
		}
		if len(out.Kids) == 0 {
			return Null()
		}
		return Str(encodeJSON(out))
	}},
	"json_set":       {min: 3, max: -1, pure: true, ret: tStr, fn: func(a []Value) Value { return jsonSet(a, false) }},
	"json_set_exact": {min: 3, max: -1, pure: true, ret: tStr, fn: func(a []Value) Value { return jsonSet(a, true) }},
	"json_append":    {min: 3, max: -1, pure: true, ret: tStr, fn: func(a []Value) Value { return jsonAppend(a, false) }},
	"json_extend":    {min: 3, max: -1, pure: true, ret: tStr, fn: func(a []Value) Value { return jsonAppend(a, true) }},
	"json_delete": {min: 2, max: -1, pure: true, ret: tStr, fn: func(a []Value) Value {
		root, ok := parseJSONArg(a[0])
		if !ok {
			return Null()
		}
		for _, p := range a[1:] {
			path := jsonFnPath(first(p).String(), false)
			if len(path) == 0 {
				continue
			}
			for _, parent := range jsonWalk(root, path[:len(path)-1]) {
				jsonRemove(parent, path[len(path)-1])
			}
		}
		return Str(encodeJSON(root))
	}},
	"json_has_key_exact": {min: 2, max: 2, pure: true, ret: tBool, fn: func(a []Value) Value {
		root, ok := parseJSONArg(a[0])
		if !ok || root.Kind != jsontree.Object || a[1].k == kindNull {
			return boolVal(false)
		}
		k := first(a[1]).String()
		for _, key := range root.Keys {
			if key == k {
				return boolVal(true)
			}
		}
		return boolVal(false)
	}},
	"json_entries": {min: 1, max: 1, pure: true, ret: tStr, fn: func(a []Value) Value {
		root, ok := parseJSONArg(a[0])
		if !ok || root.Kind != jsontree.Object {
			return Null()
		}
		out := &jsontree.Node{Kind: jsontree.Array}
		for i, k := range root.Keys {
			out.Kids = append(out.Kids, &jsontree.Node{Kind: jsontree.Object, Keys: []string{"key", "value"},
				Kids: []*jsontree.Node{{Kind: jsontree.String, Text: k}, root.Kids[i]}})
		}
		return Str(encodeJSON(out))
	}},
	// json_array_to_mv(array [, keep_quotes]): the elements; strings
	// without their quotes unless keep_quotes is true [D S-jsonfn].
	"json_array_to_mv": {min: 1, max: 2, pure: true, fn: func(a []Value) Value {
		root, ok := parseJSONArg(a[0])
		if !ok || root.Kind != jsontree.Array {
			return Null()
		}
		keep := len(a) > 1 && isTrue(a[1])
		out := make([]string, 0, len(root.Kids))
		for _, k := range root.Kids {
			if k.Kind == jsontree.String && !keep {
				out = append(out, k.Text)
				continue
			}
			out = append(out, encodeJSON(k))
		}
		return mvOf(out)
	}},
	// mv_to_json_array(mv [, infer_types]): a JSON array of the values, as
	// strings unless infer_types is true (then numbers, true, false and
	// null as JSON literals) [D S-mvfn].
	"mv_to_json_array": {min: 1, max: 2, pure: true, ret: tStr, fn: func(a []Value) Value {
		infer := len(a) > 1 && isTrue(a[1])
		out := &jsontree.Node{Kind: jsontree.Array}
		for _, s := range values(a[0]) {
			n := &jsontree.Node{Kind: jsontree.String, Text: s}
			if infer {
				if _, isNum := parseNumber(s); isNum || s == "true" || s == "false" || s == "null" {
					n = &jsontree.Node{Kind: jsontree.Literal, Text: s}
				}
			}
			out.Kids = append(out.Kids, n)
		}
		return Str(encodeJSON(out))
	}},
	// spath(value, path): the values at the spath path (spath's syntax:
	// {N} 1-based), a multivalue when several [D S-textfn "spath"].
	"spath": {min: 2, max: 2, pure: true, fn: func(a []Value) Value {
		if a[0].k == kindNull || a[1].k == kindNull {
			return Null()
		}
		steps, err := parseSpath(first(a[1]).String())
		if err != nil {
			return Null()
		}
		return mvOf(spathValues(first(a[0]).String(), steps))
	}},
}

// parseJSONArg parses a function's JSON argument (the first value of a
// multivalue).
func parseJSONArg(v Value) (*jsontree.Node, bool) {
	if v.k == kindNull || v.k == kindBool {
		return nil, false
	}
	n, err := jsontree.Parse(first(v).String())
	return n, err == nil
}

func fnJSONObject(a []Value) Value {
	if len(a)%2 != 0 {
		return Null()
	}
	n := &jsontree.Node{Kind: jsontree.Object}
	for i := 0; i < len(a); i += 2 {
		if a[i].k == kindNull {
			return Null()
		}
		jsonPut(n, first(a[i]).String(), valueNode(a[i+1]))
	}
	return Str(encodeJSON(n))
}

// valueNode is the JSON a function argument embeds as (see jsonFuncs).
func valueNode(v Value) *jsontree.Node {
	switch v.k {
	case kindNull:
		return &jsontree.Node{Kind: jsontree.Literal, Text: "null"}
	case kindBool:
		if v.f != 0 {
			return &jsontree.Node{Kind: jsontree.Literal, Text: "true"}
		}
		return &jsontree.Node{Kind: jsontree.Literal, Text: "false"}
	case kindNum:
		return &jsontree.Node{Kind: jsontree.Literal, Text: formatNumber(v.f)}
	case kindMulti:
		n := &jsontree.Node{Kind: jsontree.Array}
		for _, s := range v.mv {
			n.Kids = append(n.Kids, &jsontree.Node{Kind: jsontree.String, Text: s})
		}
		return n
	}
	if t := strings.TrimSpace(v.s); t != "" && (t[0] == '{' || t[0] == '[') {
		if n, err := jsontree.Parse(t); err == nil {
			return n
		}
	}
	return &jsontree.Node{Kind: jsontree.String, Text: v.s}
}

// encodeJSON writes n as compact JSON.
func encodeJSON(n *jsontree.Node) string {
	var b strings.Builder
	writeJSON(&b, n)
	return b.String()
}

func writeJSON(b *strings.Builder, n *jsontree.Node) {
	switch n.Kind {
	case jsontree.Object:
		b.WriteByte('{')
		for i, k := range n.Keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			writeJSON(b, n.Kids[i])
		}
		b.WriteByte('}')
	case jsontree.Array:
		b.WriteByte('[')
		for i, k := range n.Kids {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, k)
		}
		b.WriteByte(']')
	case jsontree.String:
		writeJSONString(b, n.Text)
	default:
		b.WriteString(n.Text)
	}
}

func writeJSONString(b *strings.Builder, s string) {
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		b.WriteString(strconv.Quote(s))
		return
	}
	b.WriteString(strings.TrimSuffix(buf.String(), "\n"))
}

// jsonStep is one step of a JSON function path: a key, or an array index
// (all: every element).
type jsonStep struct {
	key   string
	isIdx bool
	idx   int
	all   bool
}

// jsonFnPath parses a path: dotted keys with {N} and {} suffixes; exact: the
// whole text is one key.
func jsonFnPath(p string, exact bool) []jsonStep {
	if exact {
		return []jsonStep{{key: p}}
	}
	if p == "" {
		return nil
	}
	var steps []jsonStep
	for _, part := range strings.Split(p, ".") {
		i := strings.IndexByte(part, '{')
		if i < 0 {
			steps = append(steps, jsonStep{key: part})
			continue
		}
		if i > 0 {
			steps = append(steps, jsonStep{key: part[:i]})
		}
		rest := part[i:]
		for strings.HasPrefix(rest, "{") {
			j := strings.IndexByte(rest, '}')
			if j < 0 {
				steps = append(steps, jsonStep{key: rest})
				break
			}
			in := rest[1:j]
			if in == "" {
				steps = append(steps, jsonStep{isIdx: true, all: true})
			} else if n, err := strconv.Atoi(in); err == nil {
				steps = append(steps, jsonStep{isIdx: true, idx: n})
			} else {
				steps = append(steps, jsonStep{key: rest[:j+1]})
			}
			rest = rest[j+1:]
		}
	}
	return steps
}

// jsonWalk returns the nodes path leads to from n.
func jsonWalk(n *jsontree.Node, path []jsonStep) []*jsontree.Node {
	cur := []*jsontree.Node{n}
	for _, st := range path {
		var next []*jsontree.Node
		for _, c := range cur {
			switch {
			case st.isIdx && c.Kind == jsontree.Array:
				if st.all {
					next = append(next, c.Kids...)
				} else if i := st.idx; i >= 0 && i < len(c.Kids) {
					next = append(next, c.Kids[i])
				} else if i < 0 && -i <= len(c.Kids) {
					next = append(next, c.Kids[len(c.Kids)+i])
				}
			case !st.isIdx && c.Kind == jsontree.Object:
				for i, k := range c.Keys {
					if k == st.key {
						next = append(next, c.Kids[i])
						break
					}
				}
			}
		}
		cur = next
	}
	return cur
}

// hasAll reports whether path has a {} step (several matches).
func hasAll(path []jsonStep) bool {
	for _, s := range path {
		if s.all {
			return true
		}
	}
	return false
}

// nativeValue is a JSON node as a field value: a string's text, a number,
// true/false/null literals as text (null as null), containers as JSON.
func nativeValue(n *jsontree.Node) Value {
	switch n.Kind {
	case jsontree.String:
		return Str(n.Text)
	case jsontree.Literal:
		if n.Text == "null" {
			return Null()
		}
		if f, ok := parseNumber(n.Text); ok {
			return numText(f, n.Text)
		}
		return Str(n.Text)
	}
	return Str(encodeJSON(n))
}

func jsonExtract(a []Value, exact bool) Value {
	root, ok := parseJSONArg(a[0])
	if !ok {
		return Null()
	}
	if len(a) == 1 {
		return Str(encodeJSON(root))
	}
	if len(a) == 2 {
		if a[1].k == kindNull {
			return Null()
		}
		path := jsonFnPath(first(a[1]).String(), exact)
		got := jsonWalk(root, path)
		switch {
		case len(got) == 0:
			return Null()
		case len(got) == 1 && !hasAll(path):
			return nativeValue(got[0])
		}
		return Str(encodeJSON(&jsontree.Node{Kind: jsontree.Array, Kids: got}))
	}
	out := &jsontree.Node{Kind: jsontree.Array}
	for _, p := range a[1:] {
		path := jsonFnPath(first(p).String(), exact)
		got := jsonWalk(root, path)
		switch {
		case len(got) == 0:
			out.Kids = append(out.Kids, &jsontree.Node{Kind: jsontree.Literal, Text: "null"})
		case len(got) == 1 && !hasAll(path):
			out.Kids = append(out.Kids, got[0])
		default:
			out.Kids = append(out.Kids, &jsontree.Node{Kind: jsontree.Array, Kids: got})
		}
	}
	return Str(encodeJSON(out))
}

// jsonPut sets key in object n, replacing an existing member.
func jsonPut(n *jsontree.Node, key string, v *jsontree.Node) {
	for i, k := range n.Keys {
		if k == key {
			n.Kids[i] = v
			return
		}
	}
	n.Keys = append(n.Keys, key)
	n.Kids = append(n.Kids, v)
}

// jsonRemove removes a key (or an index) from n.
func jsonRemove(n *jsontree.Node, st jsonStep) {
	switch {
	case !st.isIdx && n.Kind == jsontree.Object:
		for i, k := range n.Keys {
			if k == st.key {
				n.Keys = append(n.Keys[:i:i], n.Keys[i+1:]...)
				n.Kids = append(n.Kids[:i:i], n.Kids[i+1:]...)
				return
			}
		}
	case st.isIdx && !st.all && n.Kind == jsontree.Array && st.idx >= 0 && st.idx < len(n.Kids):
		n.Kids = append(n.Kids[:st.idx:st.idx], n.Kids[st.idx+1:]...)
	}
}

// jsonSet: json_set(json, path, value, path, value, ...): each path's
// last key is set (created, or overwritten) in the objects its parent
// path leads to; missing parent objects are created [U]; an index step
// overwrites an existing element.
func jsonSet(a []Value, exact bool) Value {
	root, ok := parseJSONArg(a[0])
	if !ok || len(a)%2 != 1 {
		return Null()
	}
	for i := 1; i+1 < len(a); i += 2 {
		path := jsonFnPath(first(a[i]).String(), exact)
		if len(path) == 0 {
			continue
		}
		v := valueNode(a[i+1])
		for _, parent := range jsonEnsure(root, path[:len(path)-1]) {
			last := path[len(path)-1]
			switch {
			case !last.isIdx && parent.Kind == jsontree.Object:
				jsonPut(parent, last.key, v)
			case last.isIdx && !last.all && parent.Kind == jsontree.Array && last.idx >= 0 && last.idx < len(parent.Kids):
				parent.Kids[last.idx] = v
			}
		}
	}
	return Str(encodeJSON(root))
}

// jsonEnsure walks path from n, creating missing object members.
func jsonEnsure(n *jsontree.Node, path []jsonStep) []*jsontree.Node {
	cur := []*jsontree.Node{n}
	for _, st := range path {
		var next []*jsontree.Node
		for _, c := range cur {
			got := jsonWalk(c, []jsonStep{st})
			if len(got) == 0 && !st.isIdx && c.Kind == jsontree.Object {
				obj := &jsontree.Node{Kind: jsontree.Object}
				jsonPut(c, st.key, obj)
				got = []*jsontree.Node{obj}
			}
			next = append(next, got...)
		}
		cur = next
	}
	return cur
}

// jsonAppend: json_append(json, path, value, ...) appends each value to the
// array at its path; json_extend appends the elements of each value (a
// JSON array, or a multivalue). A path holding a non-array value becomes
// an array of that value and the new ones [U]; a missing path is left
// alone.
func jsonAppend(a []Value, extend bool) Value {
	root, ok := parseJSONArg(a[0])
	if !ok || len(a)%2 != 1 {
		return Null()
	}
	for i := 1; i+1 < len(a); i += 2 {
		var add []*jsontree.Node
		v := valueNode(a[i+1])
		if extend && v.Kind == jsontree.Array {
			add = v.Kids
		} else {
			add = []*jsontree.Node{v}
		}
		path := jsonFnPath(first(a[i]).String(), false)
		if len(path) == 0 {
			if root.Kind == jsontree.Array {
				root.Kids = append(root.Kids, add...)
			}
			continue
		}
		last := path[len(path)-1]
		for _, parent := range jsonWalk(root, path[:len(path)-1]) {
			for _, target := range jsonWalk(parent, []jsonStep{last}) {
				if target.Kind == jsontree.Array {
					target.Kids = append(target.Kids, add...)
					continue
				}
				arr := &jsontree.Node{Kind: jsontree.Array, Kids: append([]*jsontree.Node{target}, add...)}
				replaceChild(parent, last, arr)
			}
		}
	}
	return Str(encodeJSON(root))
}

// replaceChild replaces the child of parent that step st selects.
func replaceChild(parent *jsontree.Node, st jsonStep, v *jsontree.Node) {
	switch {
	case !st.isIdx && parent.Kind == jsontree.Object:
		jsonPut(parent, st.key, v)
	case st.isIdx && !st.all && parent.Kind == jsontree.Array && st.idx >= 0 && st.idx < len(parent.Kids):
		parent.Kids[st.idx] = v
	}
}
