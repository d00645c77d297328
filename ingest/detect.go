package ingest

import (
	"bytes"
)

// Format names returned by Detect, reported in FileReport.Format and
// accepted by Options.Sourcetype. Windows formats name the sourcetype their
// events get.
const (
	FormatXML         = "XmlWinEventLog" // Splunk XML Windows events, mixed with classic text records
	FormatWinEventLog = "WinEventLog"    // classic multi-line WinEventLog text records only
	FormatNXLog       = "nxlog_json"     // NXLog im_msvistalog JSON lines
	FormatWinlogbeat  = "winlogbeat"     // Winlogbeat / ECS JSON lines
	FormatSysmonLinux = "sysmon:linux"   // syslog lines carrying Sysmon for Linux XML
	FormatJSON        = "_json"          // other JSON lines, flattened
	FormatCSV         = "csv"            // CSV with a header (events, or dataset rows with Options.Dataset)
	FormatJSONL       = "jsonl"          // dataset rows as JSON lines (Options.Dataset)
)

// Detect names the format of a stream from its first bytes (a few KiB are
// enough):
//
//   - FormatXML when a line starts with "<Event" (before or after classic
//     WinEventLog text records), FormatWinEventLog when the stream starts
//     with a text record and no "<Event" line falls inside prefix;
//   - FormatSysmonLinux for a first line with an "<Event" element after a
//     syslog header;
//   - for JSON objects: FormatWinlogbeat with a "winlog" member, dotted
//     "winlog.*" keys, or Winlogbeat 6's "event_data" or "event_id" with
//     "log_name"/"source_name" (isWinlogbeatLike),
//     FormatNXLog with NXLog's "EventID" and "SourceName"/"Hostname"/
//     "ProviderName", else FormatJSON;
//   - FormatCSV for a comma-separated first line;
//   - FormatEVTX for a Windows .evtx file (its magic "ElfFile\x00");
//   - "" when it cannot tell.
func Detect(prefix []byte) string {
	if bytes.HasPrefix(prefix, []byte("ElfFile\x00")) {
		return FormatEVTX
	}
	p := bytes.TrimPrefix(prefix, []byte("\xef\xbb\xbf"))
	first := true
	text := false
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
		case first && isDateLine(t):
			text = true
		case first && t[0] == '{':
			switch {
			case bytes.Contains(t, []byte(`"winlog":`)) || bytes.Contains(t, []byte(`"winlog" :`)) || isWinlogbeatLike(t):
				return FormatWinlogbeat
			case bytes.Contains(t, []byte(`"EventID"`)) &&
				(bytes.Contains(t, []byte(`"SourceName"`)) || bytes.Contains(t, []byte(`"Hostname"`)) ||
					bytes.Contains(t, []byte(`"ProviderName"`))):
				return FormatNXLog
			}
			return FormatJSON
		case first && bytes.Contains(t, []byte("<Event")):
			return FormatSysmonLinux
		case first && t[0] != '<' && bytes.IndexByte(t, ',') >= 0:
			return FormatCSV
		}
		first = false
	}
	if text {
		return FormatWinEventLog
	}
	return ""
}

// eventFormat is how one event format is split into records and parsed.
type eventFormat struct {
	starts func([]byte) bool // nil: every line starts a record
	parse  recordParser
	csv    bool
	xml    bool // records may be <Event> elements over several lines
}

func eventFormatFor(name string) (*eventFormat, bool) {
	switch name {
	case FormatXML, FormatWinEventLog:
		return &eventFormat{starts: winStartsRecord, parse: parseWinRecord, xml: true}, true
	case FormatSysmonLinux:
		return &eventFormat{parse: parseSysmonLinuxRecord}, true
	case FormatNXLog:
		return &eventFormat{parse: parseNXLogRecord}, true
	case FormatWinlogbeat:
		return &eventFormat{parse: parseWinlogbeatRecord}, true
	case FormatJSON:
		return &eventFormat{parse: parseJSONRecord}, true
	case FormatCSV:
		return &eventFormat{parse: parseCSVRecord, csv: true}, true
	}
	return nil, false
}
