package macros

import "go.yaml.in/yaml/v3"

// YAMLLocator returns the locate function for ExpandFunc of the text of the
// YAML scalar value, as decoded from src (the whole file, named file in
// Locations): every byte of value.Value maps to the line and column where
// it was written, across quotes, escapes and folded or literal block
// lines. A decoded byte with no written counterpart (a \u escape, a folded
// line break) takes the position of the nearest written byte. A nil or
// non-scalar value maps every offset to Location{File: file}.
func YAMLLocator(file string, src []byte, value *yaml.Node) func(off int) Location {
	if value == nil || value.Kind != yaml.ScalarNode || value.Line <= 0 {
		return func(int) Location { return Location{File: file} }
	}
	text := value.Value
	if value.Tag == "!!null" {
		text = ""
	}
	pm := alignScalar(file, src, scalarStart(src, value), text)
	return pm.loc
}
