// Package ingest reads log files into CIM data-model tables.
//
// Load is the entry point: it reads files, directories and archives
// (.gz, .tar.gz/.tgz, .zip, read in place), detects each stream's format
// from its content, turns records into Events with a Reader, maps events
// to data-model rows with Mappings (embedded YAML, Sysmon EventID 1 →
// Endpoint.Processes first) and builds one cim.Table per dataset, applying
// the dataset's own calculations (cim.Dataset.Finish). Records that cannot
// be read are skipped, counted and reported, never silently dropped.
//
// Formats (the names Detect returns and Options.Sourcetype accepts):
//
//   - "XmlWinEventLog": Splunk's XML rendering of Windows events, one
//     <Event> per line or spread over several lines. Classic multi-line
//     WinEventLog text records in the same file are skipped (one skip per
//     record).
//   - "nxlog_json": NXLog im_msvistalog JSON, one object per line; event
//     data fields are top-level keys.
//   - "json": other JSON lines (events are read; no mapping applies unless
//     one matches their fields).
//   - "jsonl", "csv": with Options.Dataset only, files whose records are
//     rows of that dataset.
//
// Metadata (Splunk semantics decision): Windows events from either format
// get sourcetype=XmlWinEventLog, source=XmlWinEventLog:<Channel>,
// host=<Computer> (NXLog: Hostname) and index=main unless Options override
// them, because detections search the XmlWinEventLog sourcetype whatever
// forwarder rendered the event.
package ingest
