// Package ingest reads the logs detection engineers have into raw events
// (for `search`) and CIM data-model tables (for `tstats`).
//
// Entry points: Load (tables only), LoadEvents (events and tables), Walk
// (events streamed to a callback, and tables). They read files,
// directories and archives (.gz, .tar.gz/.tgz, .zip, read in place), detect
// each stream's format from its content (Options.Sourcetype overrides),
// split it into records, parse chunks of records on every core while
// keeping file order, add the search-time knowledge (Mappings: the
// Windows/Sysmon add-ons' field aliases and calculated fields, eventtypes
// and tags, all embedded YAML in mappings/), and build one cim.Table per
// data-model dataset. Records that cannot be read are skipped, counted and
// reported with file:line (Report), never silently dropped; one record is
// at most Options.MaxRecordBytes, so memory stays bounded.
//
// Hostile and damaged input (Splunk semantics decisions where Splunk has
// none to copy):
//
//   - Record boundaries come from structure no value can forge: an XML
//     <Event> element ends at its end tag whatever its values hold (raw
//     newlines, a line that looks like a classic text header); a classic
//     text header starts a record only outside an open element; a CSV
//     quote opens a quoted field only at a field's start, stray quotes are
//     counted and kept as text, and a damaged multi-line CSV record is
//     read again line by line. (Classic text records stay ambiguous as
//     in Splunk: their Message runs to the next header line.)
//   - A UTF-8 byte-order mark is dropped at the start of every stream
//     (file or archive member), whatever the format.
//   - A file or member that cannot be read, or not in full (permission,
//     a truncated .tar/.gz, a damaged zip, a read error, an
//     archive limit hit), is recorded in Report.Unreadable with the
//     reason; what was read before is kept and the run goes on.
//   - Archives nest at most Options.MaxArchiveDepth layers, and one file
//     on disk decompresses to at most Options.MaxDecompressedBytes and
//     Options.MaxCompressionRatio times its size (decompression bombs).
//     Members that hold no logs (__MACOSX/, ._* AppleDouble files,
//     .DS_Store, empty members, members in no known format) are counted in
//     Report.IgnoredMembers, not warned about one by one.
//   - Names in the Report (FileReport.Path, Skip.Path, FileError.Path)
//     have control characters escaped, so a member name cannot forge a
//     line of the summary.
//   - JSON flattening is linear in the input: at most 10,000 fields and
//     bounded name bytes per event, the rest counted in a warning (the
//     text stays in _raw).
//
// Time: each reader has its own time fields (XML SystemTime; the first of
// UtcTime, @timestamp, _time, timestamp, time, TimeCreated in JSON and
// CSV); Options.TimeField, TimeFormat and InputTZ, or the mappings' time
// rules, say otherwise. Times without a zone are read as UTC unless
// InputTZ says (Splunk would use the forwarder's zone).
//
// Formats (Detect's names, accepted by Options.Sourcetype):
//
//   - "XmlWinEventLog": Splunk's XML rendering of Windows events of every
//     channel, one <Event> per line or spread over several lines, mixed
//     with classic multi-line WinEventLog text records, which become
//     events of sourcetype WinEventLog with their Key=Value fields.
//     "WinEventLog": a file of text records only.
//   - "evtx": Windows .evtx files, recognised by their magic whatever
//     their name or Options.Sourcetype; each record is rendered to the
//     XML Windows shows and read as the same XmlWinEventLog event (see
//     FormatEVTX and package evtx).
//   - "nxlog_json": NXLog im_msvistalog JSON lines.
//   - "winlogbeat": Winlogbeat/ECS JSON lines (winlog.event_data.*, also
//     as dotted keys "winlog.event_data.Image"; event.code when there is
//     no winlog.event_id) and Winlogbeat 6 JSON lines (event_data.*,
//     event_id, log_name, source_name, computer_name: the HELK/Mordor
//     datasets), all given the Windows event field names.
//   - "sysmon:linux": syslog lines carrying Sysmon for Linux XML.
//   - "_json": other JSON lines, flattened Splunk-style (a.b, a{}, a{}.b).
//   - "csv": CSV with a header.
//   - "jsonl", "csv" with Options.Dataset: files whose records already are
//     rows of that dataset.
//
// Metadata (Splunk semantics decision): Windows events from any of the
// Windows formats get sourcetype=XmlWinEventLog (WinEventLog for text
// records), source=XmlWinEventLog:<Channel> (WinEventLog:<LogName>),
// host=<Computer> and index=main unless Options override them, because
// detections search the XmlWinEventLog sourcetype whatever forwarder
// rendered the event. Linux Sysmon: sourcetype sysmon:linux, source
// Syslog:Linux-Sysmon/Operational. Others: source = the file path.
// Options.SourcetypeName sets the sourcetype of every event before the
// knowledge and the tables see it (data replayed under a test's
// sourcetype, aws:cloudtrail), and picks the reader (FormatForSourcetype);
// Windows event-log names keep the canonical ones above.
//
// Memory: Options.Keep drops the events a search will not read while the
// files are parsed (the tables still get every event), so a raw-event
// search keeps only the events its leading search may match
// (eval.Program.EventFilter, query.Search.Keep).
//
// Data models: an event is a row of a dataset when it carries the tags of
// the dataset's constraint (mappings/datamodels.yaml); the row takes the
// dataset's declared fields from the event's fields of the same name, and
// the dataset's calculations ("unknown" defaults, derived names) run when
// the table is built (cim.Dataset.Finish).
package ingest
