package ingest

import (
	"bytes"
)

// Format names returned by Detect and accepted by Options.Sourcetype.
const (
	FormatXML   = "XmlWinEventLog" // Splunk XML Windows events
	FormatNXLog = "nxlog_json"     // NXLog im_msvistalog JSON lines
	FormatJSON  = "json"           // other JSON lines
	FormatJSONL = "jsonl"          // dataset rows as JSON lines (Options.Dataset)
	FormatCSV   = "csv"            // dataset rows as CSV with a header (Options.Dataset)
)

// Detect names the format of a stream from its first bytes (a few KiB are
// enough): FormatXML if a line starts with "<Event", FormatNXLog for JSON
// objects with NXLog's "SourceName"/"Hostname"/"EventID" keys, FormatJSON
// for other JSON objects, FormatCSV for a comma-separated first line, and
// "" when it cannot tell. A file that starts with classic WinEventLog text
// records but holds XML events further in is detected as FormatXML only if
// an "<Event" line falls inside prefix.
func Detect(prefix []byte) string {
	p := bytes.TrimPrefix(prefix, []byte("\xef\xbb\xbf"))
	first := true
	for len(p) > 0 {
		line := p
		if i := bytes.IndexByte(p, '\n'); i >= 0 {
			line, p = p[:i], p[i+1:]
		} else {
			p = nil
		}
		t := bytes.TrimLeft(line, " \t\r")
		if len(t) == 0 {
			continue
		}
		switch {
		case bytes.HasPrefix(t, []byte("<Event")):
			return FormatXML
		case first && t[0] == '{':
			if bytes.Contains(t, []byte(`"EventID"`)) &&
				(bytes.Contains(t, []byte(`"SourceName"`)) || bytes.Contains(t, []byte(`"Hostname"`)) ||
					bytes.Contains(t, []byte(`"ProviderName"`))) {
				return FormatNXLog
			}
			return FormatJSON
		case first && t[0] != '<' && !isDateLine(t) && bytes.IndexByte(t, ',') >= 0:
			return FormatCSV
		}
		first = false
	}
	return ""
}

// isDateLine reports whether line starts like a classic WinEventLog text
// record: "01/14/2021 11:41:39 PM".
func isDateLine(line []byte) bool {
	// MM/DD/YYYY H:MM:SS or HH:MM:SS, then " AM"/" PM"
	if len(line) < 19 {
		return false
	}
	d := func(i int) bool { return line[i] >= '0' && line[i] <= '9' }
	if !(d(0) && d(1) && line[2] == '/' && d(3) && d(4) && line[5] == '/' && d(6) && d(7) && d(8) && d(9) && line[10] == ' ') {
		return false
	}
	rest := line[11:]
	i := 0
	for i < len(rest) && i < 2 && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	if i == 0 || len(rest) < i+9 {
		return false
	}
	r := rest[i:]
	return r[0] == ':' && r[3] == ':' && r[6] == ' ' && (r[7] == 'A' || r[7] == 'P') && r[8] == 'M'
}
