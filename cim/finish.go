package cim

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Finish applies the dataset's own calculations to one finished row, in
// place. A field absent from row is null. The calculations, in order:
//
//  1. derive_from: process_name and parent_process_name, when null or "",
//     become CommandBasename of process / parent_process (if that gives a
//     non-empty name);
//  2. fallback: vendor_product, when null, takes sourcetype; then
//     length_of: Web.url_length and http_user_agent_length become the
//     character count of url / http_user_agent when those are not null;
//  3. default: every calculated field ("unknown" fields, Ports.dest_port)
//     that is null or "" takes its default: fillnull "unknown";
//  4. not_number: Ports.src_port and Filesystem.file_size lose (or replace)
//     non-numeric values;
//  5. lower: Processes.process_integrity_level is lower-cased, as the
//     dataset constraint's eval lower() does.
//
// Plain fields (process_id, parent_process_id, process_guid, ...) stay null
// when absent: tstats then drops rows grouped by them unless fillnull_value
// is given.
//
// Fields declared by child datasets (Field.Owner) are not calculated. A
// nil d or row does nothing.
func (d *Dataset) Finish(row map[string]string) {
	if d == nil || row == nil {
		return
	}
	fields := d.rootFields()
	for _, f := range fields {
		if f.DeriveFrom == "" {
			continue
		}
		if v, ok := row[f.Name]; ok && v != "" {
			continue
		}
		if cmd, ok := row[f.DeriveFrom]; ok {
			if name := CommandBasename(cmd); name != "" {
				row[f.Name] = name
			}
		}
	}
	for _, f := range fields {
		if len(f.Fallback) == 0 {
			continue
		}
		if _, ok := row[f.Name]; ok {
			continue
		}
		for _, src := range f.Fallback {
			if v, ok := row[src]; ok {
				row[f.Name] = v
				break
			}
		}
	}
	for _, f := range fields {
		if f.LengthOf == "" {
			continue
		}
		if v, ok := row[f.LengthOf]; ok {
			row[f.Name] = strconv.Itoa(utf8.RuneCountInString(v))
		}
	}
	for _, f := range fields {
		if f.Default == "" {
			continue
		}
		if v, ok := row[f.Name]; !ok || v == "" {
			row[f.Name] = f.Default
		}
	}
	for _, f := range fields {
		if f.NotNumber == "" {
			continue
		}
		v, ok := row[f.Name]
		if ok && IsNumber(v) {
			continue
		}
		if f.NotNumber == "drop" {
			delete(row, f.Name)
		} else {
			row[f.Name] = f.NotNumber
		}
	}
	for _, f := range fields {
		if !f.Lower {
			continue
		}
		if v, ok := row[f.Name]; ok {
			row[f.Name] = strings.ToLower(v)
		}
	}
}

// CommandBasename is the data model's rule for a process name derived from
// a command line: if the command line starts with a quoted path, the
// basename of the quoted text; otherwise the basename of the first
// whitespace-delimited token. The basename is the text after the last
// backslash, case preserved. It returns "" when there is no token.
//
//	"C:\Program Files\App\app.exe" -x  →  app.exe
//	C:\Windows\System32\cmd.exe /c dir →  cmd.exe
func CommandBasename(cmd string) string {
	cmd = strings.TrimLeft(cmd, " \t\r\n")
	var tok string
	if strings.HasPrefix(cmd, `"`) {
		rest := cmd[1:]
		if i := strings.IndexByte(rest, '"'); i >= 0 {
			tok = rest[:i]
		} else {
			tok = rest
		}
	} else {
		tok = cmd
		if i := strings.IndexAny(cmd, " \t\r\n"); i >= 0 {
			tok = cmd[:i]
		}
	}
	return Basename(tok)
}

// Basename is the text after the last backslash, case preserved
// (C:\Windows\System32\wbem\WMIC.exe → WMIC.exe).
func Basename(path string) string {
	return path[strings.LastIndexByte(path, '\\')+1:]
}

// IsNumber reports whether v is a number the way Splunk's isnum() sees a
// string field: a decimal integer or float, optionally signed.
func IsNumber(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return false
	}
	_, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return false
	}
	// ParseFloat also accepts "inf", "nan" and hex floats; isnum does not.
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return false
		}
	}
	return true
}

// rootFields is d.Fields without the fields child datasets declare (the
// slice itself when there are none).
func (d *Dataset) rootFields() []Field {
	if !slices.ContainsFunc(d.Fields, func(f Field) bool { return f.Owner != "" }) {
		return d.Fields
	}
	var out []Field
	for _, f := range d.Fields {
		if f.Owner == "" {
			out = append(out, f)
		}
	}
	return out
}
