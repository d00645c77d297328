package ingest

import "strings"

// FormatForSourcetype names the reader for events of the Splunk
// sourcetype st (Options.SourcetypeName), and whether it knows one:
//
//	xmlwineventlog, XmlWinEventLog, XmlWinEventLog:<channel>  FormatXML
//	wineventlog, WinEventLog, WinEventLog:<channel>           FormatWinEventLog
//	nxlog_json, nxlog                                         FormatNXLog
//	winlogbeat                                                FormatWinlogbeat
//	sysmon:linux, sysmon_linux                                FormatSysmonLinux
//	_json, json, *:json, *_json, aws:cloudtrail, o365:*,
//	azure:*, ms:aad:*                                         FormatJSON
//	csv                                                       FormatCSV
//
// Names are compared ignoring case, as Splunk compares sourcetype= in a
// search. Other names ("linux:audit", "suricata", "aws:cloudwatchlogs:vpcflow",
// which may be text) give false: the format is then detected from the
// content.
func FormatForSourcetype(st string) (string, bool) {
	low := strings.ToLower(strings.TrimSpace(st))
	switch {
	case low == "":
		return "", false
	case low == "xmlwineventlog" || strings.HasPrefix(low, "xmlwineventlog:"):
		return FormatXML, true
	case low == "wineventlog" || strings.HasPrefix(low, "wineventlog:"):
		return FormatWinEventLog, true
	case low == "nxlog_json" || low == "nxlog":
		return FormatNXLog, true
	case low == "winlogbeat":
		return FormatWinlogbeat, true
	case low == "sysmon:linux" || low == "sysmon_linux":
		return FormatSysmonLinux, true
	case low == "_json" || low == "json" || strings.HasSuffix(low, ":json") || strings.HasSuffix(low, "_json"),
		low == "aws:cloudtrail", strings.HasPrefix(low, "o365:"), strings.HasPrefix(low, "azure:"),
		strings.HasPrefix(low, "ms:aad:"):
		return FormatJSON, true
	case low == "csv":
		return FormatCSV, true
	}
	return "", false
}

// windowsSourcetype reports whether st names Windows event-log data
// (xmlwineventlog, XmlWinEventLog, XmlWinEventLog:<channel>, wineventlog,
// WinEventLog, WinEventLog:<channel>).
//
// Such events keep the reader's canonical sourcetype, XmlWinEventLog for
// XML records and WinEventLog for classic text records, whatever
// Options.SourcetypeName says [I: since version 5.0 the Splunk Add-on for
// Microsoft Windows files every channel under the one sourcetype
// XmlWinEventLog (or WinEventLog), the channel in source
// (XmlWinEventLog:Security); the older per-channel sourcetypes
// XmlWinEventLog:<channel> are not used by its knowledge any more]. The
// search-time knowledge (ingest/mappings/windows.yaml) matches those
// canonical names, and sourcetype=xmlwineventlog in a search matches
// XmlWinEventLog because search values ignore case. A search for a
// per-channel sourcetype (the sysmon macro's
// sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational) matches
// through its source= alternative, as on a current Splunk.
func windowsSourcetype(st string) bool {
	low := strings.ToLower(st)
	for _, p := range []string{"xmlwineventlog", "wineventlog"} {
		if low == p || strings.HasPrefix(low, p+":") {
			return true
		}
	}
	return false
}

// stampName is the sourcetype every event gets for Options.SourcetypeName
// ("": the reader's own).
func stampName(st string) string {
	st = strings.TrimSpace(st)
	if windowsSourcetype(st) {
		return ""
	}
	return st
}
