package ingest

import (
	"strings"
	"unicode"
)

// The Windows add-on's command-line fields for Security 4688, as
// Splunk_TA_windows 8.4.0 derives them (transforms.conf
// [process_command_line_process_and_arguments], REGEX
// (^\"[^\"]+\"|[^\s]+)\s*(.*) over Process_Command_Line; props.conf
// [source::XmlWinEventLog:Security] EVAL-process). Values are the raw
// event text: XML entities such as &quot; are not decoded, as in Splunk's
// regex extractions of the raw event.

// commandLineSplit splits a command line into its first token (a
// double-quoted token, quotes kept, or the first run of non-space
// characters) and the rest (leading white space removed). ok is false
// when the line has no token.
func commandLineSplit(cmd string) (argv0, rest string, ok bool) {
	if len(cmd) > 1 && cmd[0] == '"' {
		if j := strings.IndexByte(cmd[1:], '"'); j > 0 {
			return cmd[:j+2], strings.TrimLeftFunc(cmd[j+2:], unicode.IsSpace), true
		}
	}
	s := strings.TrimLeftFunc(cmd, unicode.IsSpace)
	if s == "" {
		return "", "", false
	}
	end := strings.IndexFunc(s, unicode.IsSpace)
	if end < 0 {
		return s, "", true
	}
	return s[:end], strings.TrimLeftFunc(s[end:], unicode.IsSpace), true
}

// process4688 is the add-on's 4688 process from "NewProcessName|Process_Command_Line"
// (a template's value; a path cannot hold |): the command line when its
// first token holds a backslash, else the image path (quoted when it has
// white space), a space and the command line's arguments.
func process4688(v string) (string, bool) {
	image, cmd, ok := strings.Cut(v, "|")
	if !ok {
		return "", false
	}
	argv0, rest, ok := commandLineSplit(cmd)
	if !ok {
		return image, true
	}
	if strings.Contains(argv0, `\`) {
		return cmd, true
	}
	if strings.IndexFunc(image, unicode.IsSpace) >= 0 {
		image = `"` + image + `"`
	}
	return image + " " + rest, true
}

// digitsAfterPrefix is the first run of digits after a non-empty non-digit
// prefix ("%%1936" → 1936), as transforms.conf
// [Token_Elevation_Type_id_for_windows_security] REGEX ^[^\d]+(\d+).
func digitsAfterPrefix(v string) (string, bool) {
	i := strings.IndexAny(v, "0123456789")
	if i <= 0 {
		return "", false
	}
	j := i
	for j < len(v) && v[j] >= '0' && v[j] <= '9' {
		j++
	}
	return v[i:j], true
}

// hashValue is the NAME=hex value of Sysmon's Hashes list
// ("SHA1=...,MD5=...,SHA256=...,IMPHASH=..."), as TA-microsoft-sysmon
// 8.1.0's transforms [sysmon-md5], [sysmon-sha1], [sysmon-sha256] and
// [sysmon-imphash] take it; false when the list has none.
func hashValue(hashes, name string) (string, bool) {
	for part := range strings.SplitSeq(hashes, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(k, name) && v != "" {
			return v, true
		}
	}
	return "", false
}
