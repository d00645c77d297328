package ingest

import (
	"fmt"
	"sort"
	"strings"
)

// Report says what Load read and skipped, file by file.
type Report struct {
	Files []FileReport
	// Unreadable lists the inputs (paths, archive members named
	// archive!member) that could not be read, or not in full: a file or
	// directory that cannot be opened (permissions), a damaged or truncated
	// archive or compressed stream, a read error, an archive limit hit
	// (Options.MaxArchiveDepth, MaxDecompressedBytes,
	// MaxCompressionRatio). What was read before the error is kept; the
	// other inputs are read. A caller should treat a non-empty list as a
	// failed run once the results are out.
	Unreadable []FileError
	// IgnoredMembers counts the archive members that hold no logs and are
	// skipped without a warning each, by reason: macOS metadata
	// (__MACOSX/, ._* AppleDouble files, .DS_Store), empty members,
	// members that are not a regular file, and members in no format the
	// readers recognise.
	IgnoredMembers map[string]int
}

// FileError is an input that could not be read, or not in full. Path has
// control characters escaped (see FileReport.Path).
type FileError struct {
	Path   string
	Reason string
}

// maxSummaryLines bounds the warning and the unreadable lines Summary
// prints (each; the rest are counted), so that an archive of many damaged
// members gives a readable summary.
const maxSummaryLines = 20

// ignoredFormat is the IgnoredMembers reason of members in no known format.
const ignoredFormat = "not a log format"

func (r *Report) ignore(why string) {
	if r.IgnoredMembers == nil {
		r.IgnoredMembers = map[string]int{}
	}
	r.IgnoredMembers[why]++
}

// String is "path: reason".
func (e FileError) String() string { return e.Path + ": " + e.Reason }

// FileReport is what one file (or archive member, named archive!member)
// gave.
type FileReport struct {
	// Path is the file's path, or archive!member for an archive member,
	// with control characters, invalid UTF-8 and bidirectional formatting
	// characters escaped Go-style (\n, \x1b, \u202e), so that it prints
	// as one harmless line.
	Path    string
	Format  string // a Format* name
	Records int    // records seen (events or dataset rows, skipped included)
	Events  int    // records read as events (or dataset rows)
	// Kept is how many of the events Options.Keep accepted (all of them
	// without Keep, and every dataset row): the events Walk's fn and
	// LoadEvents got.
	Kept int
	// Earliest and Latest are the least and greatest _time of the events
	// read (kept or not); 0 when there were none.
	Earliest, Latest float64
	Rows             map[string]int // dataset → rows added (events per data model)
	// Sourcetypes counts the events by sourcetype (a Windows export may
	// mix XmlWinEventLog and WinEventLog records).
	Sourcetypes map[string]int
	Skipped     int // records skipped; Skips holds the first few
	Skips       []Skip
	Warnings    []string
}

// Skip is one skipped record.
type Skip struct {
	Path   string
	Line   int
	Reason string
}

func (s Skip) String() string { return fmt.Sprintf("%s:%d: %s", s.Path, s.Line, s.Reason) }

// Summary is a one- or few-line human account:
//
//	read 2 files: 8,220 events, 335 Endpoint.Processes rows; skipped 3 records (first: f.raw:2: reason)
//	warning: f.raw: 2 events had no time; their _time is 0
//	unreadable: logs.tar.gz: archive truncated (unexpected end of data); the members before the cut were read
//
// It prints at most 20 warning and 20 unreadable lines, then how many
// more there are. A nil Report reads as an empty one.
func (r *Report) Summary() string {
	if r == nil {
		r = &Report{}
	}
	var events, kept, skipped int
	rows := map[string]int{}
	var first *Skip
	var warnings []string
	for i := range r.Files {
		f := &r.Files[i]
		events += f.Events
		kept += f.Kept
		skipped += f.Skipped
		for d, n := range f.Rows {
			rows[d] += n
		}
		if first == nil && len(f.Skips) > 0 {
			first = &f.Skips[0]
		}
		for _, w := range f.Warnings {
			warnings = append(warnings, f.Path+": "+w)
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "read %s %s: %s events", commas(len(r.Files)), plural(len(r.Files), "file", "files"), commas(events))
	names := make([]string, 0, len(rows))
	for d := range rows {
		names = append(names, d)
	}
	sort.Strings(names)
	if kept < events {
		fmt.Fprintf(&sb, " (%s kept for the search)", commas(kept))
	}
	if len(names) == 0 {
		sb.WriteString(", no data-model rows")
	}
	for _, d := range names {
		fmt.Fprintf(&sb, ", %s %s rows", commas(rows[d]), d)
	}
	if skipped > 0 {
		fmt.Fprintf(&sb, "; skipped %s %s", commas(skipped), plural(skipped, "record", "records"))
		if first != nil {
			fmt.Fprintf(&sb, " (first: %s)", first)
		}
	}
	if n := len(r.IgnoredMembers); n > 0 {
		total := 0
		why := make([]string, 0, n)
		for k, c := range r.IgnoredMembers {
			total += c
			why = append(why, commas(c)+" "+k)
		}
		sort.Strings(why)
		fmt.Fprintf(&sb, "; ignored %s archive %s without logs (%s)", commas(total), plural(total, "member", "members"), strings.Join(why, ", "))
	}
	for i, w := range warnings {
		if i == maxSummaryLines {
			fmt.Fprintf(&sb, "\nwarning: ... and %s more (Report.Files[].Warnings)", commas(len(warnings)-i))
			break
		}
		sb.WriteString("\nwarning: " + w)
	}
	for i, e := range r.Unreadable {
		if i == maxSummaryLines {
			fmt.Fprintf(&sb, "\nunreadable: ... and %s more (Report.Unreadable)", commas(len(r.Unreadable)-i))
			break
		}
		sb.WriteString("\nunreadable: " + e.String())
	}
	return sb.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// commas formats n with thousands separators: 8220 → "8,220".
func commas(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
