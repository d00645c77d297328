package eval

import "testing"

// FuzzJSONFunctions runs the JSON functions over arbitrary documents and
// paths: any result is fine, a panic is not, and a JSON result must parse
// back as JSON.
func FuzzJSONFunctions(f *testing.F) {
	for _, s := range [][2]string{
		{`{"a":{"b":[1,2,{"c":"x"}]}}`, "a.b{2}.c"},
		{`[1,[2,[3]]]`, "{1}{1}{0}"},
		{`{"a.b":1}`, "a.b"},
		{`{"a":1`, "a"},
		{`{"":{"":""}}`, "."},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, doc, path string) {
		d, p := Str(doc), Str(path)
		for _, name := range []string{"json_extract", "json_extract_exact", "json_keys", "json_delete", "json_has_key_exact", "spath"} {
			functions[name].fn([]Value{d, p})
		}
		for _, name := range []string{"json_set", "json_set_exact", "json_append", "json_extend"} {
			r := functions[name].fn([]Value{d, p, Str(doc)})
			if r.IsNull() {
				continue
			}
			if _, ok := parseJSONArg(r); !ok {
				t.Fatalf("%s(%q, %q, …) = %q: not JSON", name, doc, path, r.String())
			}
		}
		for _, name := range []string{"json", "json_valid", "json_entries", "json_array_to_mv", "json_keys"} {
			functions[name].fn([]Value{d})
		}
	})
}
