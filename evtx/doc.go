// Package evtx decodes Windows XML Event Log (.evtx) files into the XML
// text Windows renders for each record (the form Splunk's XmlWinEventLog
// sourcetype shows).
//
// An .evtx file is a 4 KiB file header (magic "ElfFile\x00") followed by
// 64 KiB chunks (magic "ElfChnk\x00"). Each chunk is self-contained: its
// records, the element and attribute names they share, and the templates
// they instantiate all live inside it, so chunks decode independently and
// in parallel. A record is Binary XML: a fragment that usually instantiates
// a template (the event's shape) with an array of typed substitution
// values (the event's data).
//
// Reader reads the file header and hands out chunks from any io.Reader
// (streaming: one chunk in memory at a time); Decoder turns one chunk into
// the XML of its records. Rendering follows Windows: attributes in single
// quotes, no whitespace between elements, GUIDs braced and upper-case, SIDs
// as S-1-..., FILETIME and SYSTEMTIME as 2019-04-30T22:48:58.901474300Z,
// hexadecimal integers as 0x..., binary as upper-case hex, and an attribute
// whose value is a NULL substitution left out (<EventID>4688</EventID>, with no
// empty Qualifiers attribute). An element whose substitution is an array is repeated
// once per item.
//
// Nothing here panics on bad input: a record that cannot be decoded is
// returned as a RecordError with its identifier (when its header was
// readable) and its offset, and decoding goes on with the next record.
package evtx
