package macros

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spelunk-dev/spelunk/diag"
)

// macros.conf reading. Decisions (Splunk's spec, macros.conf.spec, names the
// settings but not every lexical detail; [U] marks what is inferred):
//
//   - A line whose first non-blank byte is '#' is a comment; blank lines are
//     ignored. '#' later in a line is part of the value.
//   - `[name]` opens a 0-argument macro, `[name(N)]` an N-argument one.
//     `[default]` and settings before the first stanza are Splunk's global
//     defaults and are ignored here.
//   - `key = value`: blanks around '=' and trailing blanks of the value are
//     dropped. A value line ending in a backslash continues on the next line;
//     the backslash and line break become one '\n' in the value (SPL treats
//     it as a blank) and the next line is taken as written, leading blanks
//     and '#' included [U].
//   - Settings read: definition (required), args (comma-separated; must
//     name exactly N arguments for `[name(N)]`; ignored for N = 0, as the
//     spec says), iseval (a Splunk boolean: true/false, 1/0, yes/no, t/f,
//     y/n, any case), validation, errormsg, description. Other keys are
//     ignored.
//   - A stanza that appears twice in one file is merged, later keys winning
//     (Splunk's layering of the same stanza).
//   - A file with any error adds nothing.

// stanzaRE splits `name(N)` into name and N.
var stanzaRE = regexp.MustCompile(`^(.*?)\s*\(\s*(\d+)\s*\)$`)

// confValue is one setting of a stanza with the position of every value byte.
type confValue struct {
	text  string
	lines []int32
	cols  []int32
	key   Location // where the key was written
}

type confStanza struct {
	name  string
	arity int
	at    Location // the '[' of the header
	keys  map[string]*confValue
}

// isConfFormat reports whether the macro file named name with content data
// is in macros.conf format: a .conf name, or (for names that are neither
// .conf nor .yml/.yaml) a first significant line that opens a stanza.
func isConfFormat(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".conf":
		return true
	case ".yml", ".yaml":
		return false
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		return line[0] == '['
	}
	return false
}

// parseMacroConf reads the macros.conf text data, naming it file in
// Locations.
func parseMacroConf(file string, data []byte) ([]*entry, error) {
	stanzas, err := scanConf(file, data)
	if err != nil {
		return nil, err
	}
	out := make([]*entry, 0, len(stanzas))
	for _, st := range stanzas {
		e, err := confEntry(file, st)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// scanConf splits data into macro stanzas in file order.
func scanConf(file string, data []byte) ([]*confStanza, error) {
	var stanzas []*confStanza
	byName := map[string]*confStanza{}
	var cur *confStanza // nil: before the first stanza or in [default]
	off := 0
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		off = 3
	}
	lineNo := 0
	// next returns the line starting at off without its line break.
	next := func() (string, bool) {
		if off >= len(data) {
			return "", false
		}
		lineNo++
		end := bytes.IndexByte(data[off:], '\n')
		var line []byte
		if end < 0 {
			line, off = data[off:], len(data)
		} else {
			line, off = data[off:off+end], off+end+1
		}
		return strings.TrimSuffix(string(line), "\r"), true
	}
	for {
		line, ok := next()
		if !ok {
			break
		}
		ind := len(line) - len(strings.TrimLeft(line, " \t"))
		body := strings.TrimRight(line[ind:], " \t")
		switch {
		case body == "" || body[0] == '#':
			continue
		case body[0] == '[':
			at := Location{File: file, Line: lineNo, Col: ind + 1}
			if body[len(body)-1] != ']' {
				return nil, &Error{Loc: at, Code: diag.CodeMacroDefinition, Msg: "stanza header must end with ']'"}
			}
			header := strings.TrimSpace(body[1 : len(body)-1])
			if header == "default" {
				cur = nil
				continue
			}
			name, arity, msg := parseStanzaName(header)
			if msg != "" {
				return nil, &Error{Loc: at, Code: diag.CodeMacroDefinition, Msg: msg}
			}
			k := stanzaName(name, arity)
			if st, ok := byName[k]; ok {
				cur = st
				continue
			}
			cur = &confStanza{name: name, arity: arity, at: at, keys: map[string]*confValue{}}
			byName[k] = cur
			stanzas = append(stanzas, cur)
			continue
		}
		eq := strings.IndexByte(body, '=')
		if eq < 0 {
			return nil, &Error{Loc: Location{File: file, Line: lineNo, Col: ind + 1}, Code: diag.CodeMacroDefinition, Msg: "expected `key = value` or a [stanza] header"}
		}
		key := strings.TrimRight(body[:eq], " \t")
		if key == "" {
			return nil, &Error{Loc: Location{File: file, Line: lineNo, Col: ind + 1}, Code: diag.CodeMacroDefinition, Msg: "setting has no key before '='"}
		}
		v := &confValue{key: Location{File: file, Line: lineNo, Col: ind + 1}}
		var b strings.Builder
		// The value starts after '=' and the blanks that follow it.
		col := ind + eq + 1 // 0-based column of the byte after '='
		rest := line[col:]
		col += len(rest) - len(strings.TrimLeft(rest, " \t"))
		rest = line[col:]
		chars := utf8.RuneCountInString(line[:col]) // characters before rest on its line
		for {
			cont := strings.HasSuffix(rest, "\\")
			if cont {
				rest = rest[:len(rest)-1]
			} else {
				rest = strings.TrimRight(rest, " \t")
			}
			// every byte of a character takes its column; an invalid
			// byte is a character of its own, as diag counts them
			for i, c := 0, chars; i < len(rest); c++ {
				_, n := utf8.DecodeRuneInString(rest[i:])
				for range n {
					b.WriteByte(rest[i])
					v.lines = append(v.lines, int32(lineNo))
					v.cols = append(v.cols, int32(c+1))
					i++
				}
			}
			if !cont {
				break
			}
			b.WriteByte('\n')
			v.lines = append(v.lines, int32(lineNo))
			v.cols = append(v.cols, int32(chars+utf8.RuneCountInString(rest)+1))
			l, ok := next()
			if !ok {
				break
			}
			rest, chars = l, 0
		}
		v.text = b.String()
		if cur != nil {
			cur.keys[key] = v
		}
	}
	return stanzas, nil
}

// parseStanzaName splits a stanza header into a macro name and arity.
func parseStanzaName(header string) (name string, arity int, msg string) {
	name = header
	if m := stanzaRE.FindStringSubmatch(header); m != nil {
		n, err := strconv.Atoi(m[2])
		if err != nil || n > 1000 {
			return "", 0, fmt.Sprintf("invalid argument count in stanza [%s]", header)
		}
		name, arity = m[1], n
	}
	if !validName(name) {
		return "", 0, fmt.Sprintf("invalid macro stanza [%s]: want [name] or [name(N)] with a name of letters, digits, _ . : -", header)
	}
	return name, arity, ""
}

// confEntry turns a scanned stanza into a library entry.
func confEntry(file string, st *confStanza) (*entry, error) {
	stanza := stanzaName(st.name, st.arity)
	def, ok := st.keys["definition"]
	if !ok {
		return nil, &Error{Loc: st.at, Code: diag.CodeMacroDefinition, Msg: fmt.Sprintf("macro stanza [%s] has no definition", stanza)}
	}
	m := Macro{Name: st.name, Definition: def.text}
	if st.arity > 0 {
		a, ok := st.keys["args"]
		if !ok {
			return nil, &Error{Loc: st.at, Code: diag.CodeMacroDefinition, Msg: fmt.Sprintf("macro stanza [%s] takes %s but has no args setting", stanza, plural(st.arity, "argument"))}
		}
		for part := range strings.SplitSeq(a.text, ",") {
			n := strings.TrimSpace(part)
			if !argNameRE.MatchString(n) {
				return nil, &Error{Loc: a.key, Code: diag.CodeMacroDefinition, Msg: fmt.Sprintf("invalid macro argument name %q (letters, digits, _ and - only)", n)}
			}
			if slices.Contains(m.Args, n) {
				return nil, &Error{Loc: a.key, Code: diag.CodeMacroDefinition, Msg: fmt.Sprintf("duplicate macro argument %q", n)}
			}
			m.Args = append(m.Args, n)
		}
		if len(m.Args) != st.arity {
			return nil, &Error{Loc: a.key, Code: diag.CodeMacroDefinition, Msg: fmt.Sprintf("macro stanza [%s] takes %s but args names %d", stanza, plural(st.arity, "argument"), len(m.Args))}
		}
	}
	if v, ok := st.keys["iseval"]; ok {
		b, ok := parseConfBool(v.text)
		if !ok {
			return nil, &Error{Loc: v.key, Code: diag.CodeMacroDefinition, Msg: fmt.Sprintf("iseval must be true or false, not %q", v.text)}
		}
		m.IsEval = b
	}
	if v, ok := st.keys["validation"]; ok {
		m.Validation = v.text
	}
	if v, ok := st.keys["errormsg"]; ok {
		m.ErrorMsg = v.text
	}
	if v, ok := st.keys["description"]; ok {
		m.Description = v.text
	}
	pm := posMap{file: file, lines: def.lines, cols: def.cols}
	if len(def.text) == 0 {
		// An empty definition is located at its key.
		pm = textPosMap("", def.key)
	}
	m.Loc = pm.loc(0)
	return &entry{m: m, pos: pm}, nil
}

// parseConfBool reads a Splunk .conf boolean.
func parseConfBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "t", "y":
		return true, true
	case "false", "0", "no", "f", "n":
		return false, true
	}
	return false, false
}
