package ingest

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseXMLEvent fills ev.fields from one Windows <Event> element (raw holds
// exactly the element). It is a small hand-written scanner, not an XML
// parser: it walks the tags in order and keeps
//
//   - System: Provider@Name as SourceName, EventID (also as EventCode),
//     Version, Level, Task, Opcode, Keywords, TimeCreated@SystemTime as
//     SystemTime, EventRecordID, Channel, Computer, Security@UserID as
//     UserID;
//   - every <Data Name='X'>value</Data> as field X (an empty element gives
//     ""), and unnamed <Data> elements as field "Data" (several: a
//     multivalue field);
//   - inside <UserData>, every leaf element <X>value</X> as field X;
//   - every other attribute of a System element under its own name, as the
//     Windows add-on's [XmlWinEventLog] REPORT-0xml_kv_extract gives them
//     (transforms.conf [system_props_xml_attributes]: Provider Name and
//     Guid, EventSourceName, EventID Qualifiers, Correlation ActivityID and
//     RelativeActivityID, Execution ProcessID and ThreadID, ...), decoded
//     and without their quotes;
//   - the text inside <System>, <EventData> and <UserData> as
//     System_Props_Xml, EventData_Xml and UserData_Xml (REPORT-0xml_block_extract:
//     [system_xml_block], [eventdata_xml_block], [userdata_xml_block]),
//     and inside <UserData><LogFileCleared> as LogFileCleared_Xml
//     ([source::XmlWinEventLog:Security] REPORT-logfilecleared_block_extract),
//     exactly as written.
//
// Fields are appended to ev.fields; values are substrings of raw.
//
// Attribute values may use single or double quotes. Element text (the
// <Data> values, System elements, UserData leaves) is kept exactly as
// written, entity references included: a command line `a > b` is the field
// value `a &gt; b`, as Splunk's XmlWinEventLog extractions (regular
// expressions over _raw in the Windows and Sysmon add-ons) give it [I:
// security_content matches `process="*&gt;*"`, `"*2&gt;&amp;1*"` and
// `TaskContent="*&lt;Command&gt;...*"` on XmlWinEventLog data; the one
// detection written for both forms, impacket_lateral_movement_commandline_
// parameters, tests "*2>&1*" for classic 4688 text and "*2&gt;&amp;1*" for
// XML]. Attribute values (Provider@Name, SystemTime, UserID, Data@Name)
// are decoded; they hold no markup in practice. Trailing spaces are kept.
// It returns a reason when raw is not a well-formed event.
func parseXMLEvent(raw string, ev *Event) (reason string) {
	if !strings.HasPrefix(raw, "<Event") {
		return "not an <Event> element"
	}
	var haveID, inUserData, inSystem bool
	blockStart := map[string]int{} // System, EventData, UserData, LogFileCleared: where the element's text starts
	i := 0
	for {
		lt := strings.IndexByte(raw[i:], '<')
		if lt < 0 {
			break
		}
		i += lt + 1
		if i >= len(raw) {
			return "truncated tag"
		}
		switch raw[i] {
		case '/': // end tag
			gt := strings.IndexByte(raw[i:], '>')
			if gt < 0 {
				return "truncated end tag"
			}
			if name := raw[i+1 : i+gt]; blockField(name) != "" {
				if start, ok := blockStart[name]; ok {
					ev.fields = append(ev.fields, Field{blockField(name), raw[start : i-1]})
					delete(blockStart, name)
				}
				if name == "System" {
					inSystem = false
				}
			}
			i += gt + 1
			continue
		case '!': // comment or CDATA: skip
			end := ">"
			if strings.HasPrefix(raw[i:], "!--") {
				end = "-->"
			} else if strings.HasPrefix(raw[i:], "![CDATA[") {
				end = "]]>"
			}
			e := strings.Index(raw[i:], end)
			if e < 0 {
				return "unterminated comment"
			}
			i += e + len(end)
			continue
		case '?':
			e := strings.Index(raw[i:], "?>")
			if e < 0 {
				return "unterminated processing instruction"
			}
			i += e + 2
			continue
		}
		// start tag: name, attributes, '>' or '/>'
		nameEnd := i
		for nameEnd < len(raw) && !isXMLSpace(raw[nameEnd]) && raw[nameEnd] != '>' && raw[nameEnd] != '/' {
			nameEnd++
		}
		name := raw[i:nameEnd]
		if len(name) == 0 {
			return "empty tag name"
		}
		j := nameEnd
		var attrVal string // the one attribute this tag needs
		haveAttr := false
		want := wantedAttr(name)
		selfClosing := false
		for {
			for j < len(raw) && isXMLSpace(raw[j]) {
				j++
			}
			if j >= len(raw) {
				return "truncated tag <" + name + ">"
			}
			if raw[j] == '>' {
				j++
				break
			}
			if raw[j] == '/' {
				if j+1 < len(raw) && raw[j+1] == '>' {
					selfClosing = true
					j += 2
					break
				}
				return "bad '/' in tag <" + name + ">"
			}
			an := j
			for j < len(raw) && raw[j] != '=' && !isXMLSpace(raw[j]) && raw[j] != '>' && raw[j] != '/' {
				j++
			}
			a := raw[an:j]
			for j < len(raw) && isXMLSpace(raw[j]) {
				j++
			}
			if j >= len(raw) || raw[j] != '=' {
				return "attribute without value in <" + name + ">"
			}
			j++
			for j < len(raw) && isXMLSpace(raw[j]) {
				j++
			}
			if j >= len(raw) || (raw[j] != '\'' && raw[j] != '"') {
				return "unquoted attribute in <" + name + ">"
			}
			q := raw[j]
			e := strings.IndexByte(raw[j+1:], q)
			if e < 0 {
				return "unterminated attribute in <" + name + ">"
			}
			v := raw[j+1 : j+1+e]
			j += e + 2
			if want != "" && (a == want || want == "UserID" && a == "UserId") {
				attrVal, haveAttr = v, true
			}
			if inSystem && a != "SystemTime" && a != "UserID" && a != "UserId" {
				ev.fields = append(ev.fields, Field{a, decodeEntities(v)})
			}
		}
		i = j
		if !selfClosing && blockField(name) != "" && (name != "LogFileCleared" || inUserData) {
			blockStart[name] = i
			if name == "System" {
				inSystem = true
			}
		}
		var text string
		if !selfClosing {
			e := strings.IndexByte(raw[i:], '<')
			if e < 0 {
				return "unterminated element <" + name + ">"
			}
			text = raw[i : i+e]
			i += e
		}
		switch name {
		case "Data":
			n := "Data"
			if haveAttr {
				n = decodeEntities(attrVal)
			}
			ev.fields = append(ev.fields, Field{n, text}) // entities kept: see xmlValue
		case "Provider":
			if haveAttr {
				ev.fields = append(ev.fields, Field{"SourceName", decodeEntities(attrVal)})
			}
		case "EventID":
			v := strings.TrimSpace(decodeEntities(text))
			ev.fields = append(ev.fields, Field{"EventCode", v}, Field{"EventID", v})
			haveID = true
		case "TimeCreated":
			if haveAttr {
				ev.fields = append(ev.fields, Field{"SystemTime", decodeEntities(attrVal)})
			}
		case "Security":
			if haveAttr {
				ev.fields = append(ev.fields, Field{"UserID", decodeEntities(attrVal)})
			}
		case "Version", "Level", "Task", "Opcode", "Keywords", "EventRecordID", "Channel", "Computer":
			ev.fields = append(ev.fields, Field{name, decodeEntities(text)})
		case "UserData":
			inUserData = true
		default:
			// <UserData><LogFileCleared><SubjectUserName>x</SubjectUserName>...:
			// leaf elements become fields named after the element
			if inUserData && !selfClosing && strings.HasPrefix(raw[i:], "</"+name+">") {
				ev.fields = append(ev.fields, Field{name, text})
			}
		}
	}
	if !haveID {
		return "no EventID"
	}
	return ""
}

// blockField is the field that holds the text of an element whose text
// the Windows add-on keeps whole, "" for the others.
func blockField(tag string) string {
	switch tag {
	case "System":
		return "System_Props_Xml"
	case "EventData":
		return "EventData_Xml"
	case "UserData":
		return "UserData_Xml"
	case "LogFileCleared":
		return "LogFileCleared_Xml"
	}
	return ""
}

// wantedAttr is the attribute kept for a tag, "" for none.
func wantedAttr(tag string) string {
	switch tag {
	case "Data", "Provider":
		return "Name"
	case "TimeCreated":
		return "SystemTime"
	case "Security":
		return "UserID"
	}
	return ""
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// decodeEntities decodes XML character and entity references. Unknown or
// malformed references are kept as written.
func decodeEntities(b string) string {
	amp := strings.IndexByte(b, '&')
	if amp < 0 {
		return b
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for amp >= 0 {
		sb.WriteString(b[:amp])
		b = b[amp:]
		semi := strings.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			sb.WriteByte('&')
			b = b[1:]
		} else {
			ref := b[1:semi]
			if r, ok := entity(ref); ok {
				sb.WriteRune(r)
				b = b[semi+1:]
			} else {
				sb.WriteByte('&')
				b = b[1:]
			}
		}
		amp = strings.IndexByte(b, '&')
	}
	sb.WriteString(b)
	return sb.String()
}

func entity(ref string) (rune, bool) {
	switch ref {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ref[1] == 'x' || ref[1] == 'X' {
		n, err = strconv.ParseUint(ref[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(ref[1:], 10, 32)
	}
	if err != nil || n > utf8.MaxRune {
		return 0, false
	}
	return rune(n), true
}
