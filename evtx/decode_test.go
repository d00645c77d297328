package evtx

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"testing"
	"time"
)

const eventNS = "http://schemas.microsoft.com/win/2004/08/events/event"

var (
	provGUID = vGUID(0x01234567, 0x89ab, 0xcdef, [8]byte{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef})
	when     = time.Date(2019, 4, 30, 22, 48, 58, 901474300, time.UTC)
)

// eventTemplate is the body of the test events' template: a System block
// with normal and optional substitutions, then EventData with one Data per
// value type, an array, mixed content and a nested Binary XML value.
func eventTemplate(c *chunkBuilder) func() {
	data := func(name string, id uint16, typ byte) {
		c.elem("Data", []battr{{"Name", func() { c.text(name) }}}, func() { c.opt(id, typ) })
	}
	return func() {
		c.elem("Event", []battr{{"xmlns", func() { c.text(eventNS) }}}, func() {
			c.elem("System", nil, func() {
				c.elem("Provider", []battr{{"Name", func() { c.sub(0, typeString) }}, {"Guid", func() { c.opt(1, typeGUID) }}}, nil)
				c.elem("EventID", []battr{{"Qualifiers", func() { c.opt(2, typeUint16) }}}, func() { c.sub(3, typeUint16) })
				c.elem("Level", nil, func() { c.sub(4, typeUint8) })
				c.elem("Keywords", nil, func() { c.sub(5, typeHex64) })
				c.elem("TimeCreated", []battr{{"SystemTime", func() { c.sub(6, typeFiletime) }}}, nil)
				c.elem("EventRecordID", nil, func() { c.sub(7, typeUint64) })
				c.elem("Correlation", []battr{{"ActivityID", func() { c.opt(8, typeGUID) }}}, nil)
				c.elem("Execution", []battr{{"ProcessID", func() { c.sub(9, typeUint32) }}, {"ThreadID", func() { c.sub(10, typeUint32) }}}, nil)
				c.elem("Channel", nil, func() { c.text("Security") })
				c.elem("Computer", nil, func() { c.sub(11, typeString) })
				c.elem("Security", []battr{{"UserID", func() { c.opt(12, typeSID) }}}, nil)
			})
			c.elem("EventData", nil, func() {
				data("S", 13, typeString)
				for i, name := range []string{"I8", "I16", "I32", "I64", "U8", "U32", "U64", "F32", "F64", "Bool", "Bin", "SizeT", "Sys", "Hex32", "Ansi", "FT", "SID"} {
					data(name, uint16(14+i), typeNull)
				}
				c.elem("Data", nil, func() { c.opt(31, typeString|typeArray) })
				data("Arr", 32, typeUint16|typeArray)
				c.elem("Data", []battr{{"Name", func() { c.text("Mixed") }}}, func() {
					c.text("a")
					c.charRef(38)
					c.entity("lt")
					c.text("b")
					c.cdata("x<y")
				})
				data("Nested", 33, typeBinXML)
			})
		})
	}
}

// eventValues are the test events' substitution values.
func eventValues(id uint64, qualifiers, activity tv) []tv {
	le := binary.LittleEndian
	vals := []tv{
		vString("Test-Provider"), provGUID, qualifiers, vU16(4688), vU8(4), vHex64(0x8020000000000000),
		vFiletime(when), vU64(id), activity, vU32(4), vU32(8), vString("host&1"), vSID(5, 21, 1, 2, 3),
		vString(`a<b>'c"`),
		{typeInt8, []byte{0xfb}},
		{typeInt16, le.AppendUint16(nil, uint16(0xfed4))},
		{typeInt32, le.AppendUint32(nil, uint32(0xfffeee90))},
		{typeInt64, le.AppendUint64(nil, uint64(0xfffffffed5fa0e00))},
		vU8(200), vU32(4000000000), vU64(math64max),
		vF32(1.5), vF64(2.25),
		{typeBool, le.AppendUint32(nil, 1)},
		{typeBinary, []byte{0xde, 0xad, 0xbe, 0xef}},
		{typeSizeT, le.AppendUint64(nil, 0x1000)},
		{typeSystime, systime(2020, 1, 2, 3, 4, 5, 678)},
		{typeHex32, le.AppendUint32(nil, 42)},
		{typeAnsi, []byte("ansi\x00")},
		vFiletime(time.Date(2021, 5, 6, 7, 8, 9, 100, time.UTC)),
		vSID(5, 18),
		{typeString | typeArray, append(append(utf16le("x"), 0, 0), append(utf16le("y"), 0, 0)...)},
		{typeUint16 | typeArray, []byte{1, 0, 2, 0}},
		{typeBinXML, nil}, // written in place by writeEvent
	}
	return vals
}

const math64max = 1<<64 - 1

func systime(y, mo, d, h, mi, s, ms uint16) []byte {
	var b []byte
	for _, v := range []uint16{y, mo, 0, d, h, mi, s, ms} {
		b = binary.LittleEndian.AppendUint16(b, v)
	}
	return b
}

// writeEvent writes one test record: a template instance whose last value
// is a Binary XML fragment <Inner A='1'>t</Inner>.
func writeEvent(c *chunkBuilder, id uint64, qualifiers, activity tv) {
	c.record(id, when, func() {
		vals := eventValues(id, qualifiers, activity)
		// Value data follows the descriptors: compute where the nested
		// fragment will start so that its inline names get the right
		// offsets.
		c.u8(tokTemplate)
		c.u8(1)
		c.u32(7)
		if off, ok := c.tmpls[7]; ok {
			c.u32(off)
		} else {
			off := uint32(len(c.b) + 4)
			c.tmpls[7] = off
			c.u32(off)
			c.u32(0)
			c.u32(7)
			c.b = append(c.b, make([]byte, 12)...)
			sizeAt := len(c.b)
			c.u32(0)
			c.fragment()
			eventTemplate(c)()
			c.u8(tokEOF)
			c.put32(sizeAt, uint32(len(c.b)-sizeAt-4))
		}
		c.u32(uint32(len(vals)))
		descAt := len(c.b)
		for _, v := range vals {
			c.u16(uint16(len(v.data)))
			c.u8(v.typ)
			c.u8(0)
		}
		for _, v := range vals[:len(vals)-1] {
			c.b = append(c.b, v.data...)
		}
		start := len(c.b)
		c.fragment()
		c.elem("Inner", []battr{{"A", func() { c.text("1") }}}, func() { c.text("t") })
		c.u8(tokEOF)
		binary.LittleEndian.PutUint16(c.b[descAt+4*(len(vals)-1):], uint16(len(c.b)-start))
	})
}

const wantEventData = `<EventData><Data Name='S'>a&lt;b&gt;'c"</Data><Data Name='I8'>-5</Data><Data Name='I16'>-300</Data><Data Name='I32'>-70000</Data><Data Name='I64'>-5000000000</Data><Data Name='U8'>200</Data><Data Name='U32'>4000000000</Data><Data Name='U64'>18446744073709551615</Data><Data Name='F32'>1.5</Data><Data Name='F64'>2.25</Data><Data Name='Bool'>true</Data><Data Name='Bin'>DEADBEEF</Data><Data Name='SizeT'>0x1000</Data><Data Name='Sys'>2020-01-02T03:04:05.678000000Z</Data><Data Name='Hex32'>0x2a</Data><Data Name='Ansi'>ansi</Data><Data Name='FT'>2021-05-06T07:08:09.000000100Z</Data><Data Name='SID'>S-1-5-18</Data><Data>x</Data><Data>y</Data><Data Name='Arr'>1</Data><Data Name='Arr'>2</Data><Data Name='Mixed'>a&#38;&lt;b<![CDATA[x<y]]></Data><Data Name='Nested'><Inner A='1'>t</Inner></Data></EventData></Event>`

func wantEvent(id string, qualifiers, activity string) string {
	return `<Event xmlns='` + eventNS + `'><System><Provider Name='Test-Provider' Guid='{01234567-89AB-CDEF-0123-456789ABCDEF}'/><EventID` + qualifiers + `>4688</EventID><Level>4</Level><Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime='2019-04-30T22:48:58.901474300Z'/><EventRecordID>` + id + `</EventRecordID><Correlation` + activity + `/><Execution ProcessID='4' ThreadID='8'/><Channel>Security</Channel><Computer>host&amp;1</Computer><Security UserID='S-1-5-21-1-2-3'/></System>` + wantEventData
}

// testChunk is a chunk of three records of one template: the first
// defines it, the others refer to it; NULL optional attributes are left
// out, set ones written.
func testChunk(noDep bool) []byte {
	c := newChunkBuilder()
	c.noDep = noDep
	writeEvent(c, 100, vNull(), vNull())
	writeEvent(c, 101, vU16(16384), provGUID)
	writeEvent(c, 102, vNull(), vNull())
	return c.bytes()
}

func TestDecodeSynthetic(t *testing.T) {
	for _, noDep := range []bool{false, true} {
		var d Decoder
		c, err := d.Decode(testChunk(noDep))
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Errors) > 0 {
			t.Fatalf("errors: %v", c.Errors)
		}
		if !c.Header.HeaderChecksumOK || !c.Header.DataChecksumOK {
			t.Errorf("checksums: %+v", c.Header)
		}
		want := []string{
			wantEvent("100", "", ""),
			wantEvent("101", " Qualifiers='16384'", " ActivityID='{01234567-89AB-CDEF-0123-456789ABCDEF}'"),
			wantEvent("102", "", ""),
		}
		if len(c.Records) != len(want) {
			t.Fatalf("%d records, want %d", len(c.Records), len(want))
		}
		for i, rec := range c.Records {
			if got := string(rec.XML); got != want[i] {
				t.Errorf("noDep=%v record %d:\n got  %s\n want %s", noDep, i, got, want[i])
			}
			if rec.ID != uint64(100+i) || !rec.WrittenTime().Equal(when.Truncate(100)) {
				t.Errorf("record %d: id %d written %v", i, rec.ID, rec.WrittenTime())
			}
		}
		if !bytes.Equal(c.XML, bytes.Join([][]byte{c.Records[0].XML, c.Records[1].XML, c.Records[2].XML}, nil)) {
			t.Error("Chunk.XML is not the records back to back")
		}
	}
}

// readAll reads a whole file with Reader and Decoder.
func readAll(t *testing.T, file []byte) (ids []uint64, errs []RecordError, chunkErrs []error, r *Reader) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	var d Decoder
	for {
		b, _, err := r.Next(nil)
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		c, err := d.Decode(b)
		if err != nil {
			chunkErrs = append(chunkErrs, err)
			continue
		}
		for _, rec := range c.Records {
			ids = append(ids, rec.ID)
		}
		errs = append(errs, c.Errors...)
	}
}

func TestFileRobustness(t *testing.T) {
	good := testChunk(false)
	unused := make([]byte, ChunkSize)
	flip := func(b []byte, at int) []byte {
		b = bytes.Clone(b)
		b[at] ^= 0xff
		return b
	}
	// The second record's offset: after the first.
	var d Decoder
	c0, _ := d.Decode(good)
	second, third := c0.Records[1].Offset, c0.Records[2].Offset
	free := int(c0.Header.FreeSpaceOffset)
	slack := bytes.Clone(good)
	copy(slack[free:], good[second:third]) // a stale copy of record 101 after the free-space offset
	badToken := bytes.Clone(good)
	badToken[second+24+4] = 0x3f // the second record's first token after its fragment header
	garbage := bytes.Clone(good)
	copy(garbage[second:second+4], "junk")
	tests := []struct {
		name      string
		file      []byte
		ids       []uint64
		errs      int
		chunkErrs int
		dirty     bool
		errID     uint64 // the first record error's identifier
	}{
		{"clean", fileBytes(0, good), []uint64{100, 101, 102}, 0, 0, false, 0},
		{"dirty, unused chunk after", fileBytes(FlagDirty, good, unused), []uint64{100, 101, 102}, 0, 1, true, 0},
		{"bad data checksum", fileBytes(0, flip(good, second+200)), []uint64{100, 101, 102}, 0, 0, false, 0},
		{"bad chunk magic", fileBytes(0, flip(good, 0), good), []uint64{100, 101, 102}, 0, 1, false, 0},
		{"truncated in the third record", fileBytes(0, good)[:FileHeaderSize+third+40], []uint64{100, 101}, 1, 0, false, 102},
		{"truncated in the chunk header", fileBytes(0, good, good)[:FileHeaderSize+ChunkSize+100], []uint64{100, 101, 102}, 0, 1, false, 0},
		{"slack after the free-space offset", fileBytes(0, slack), []uint64{100, 101, 102}, 0, 0, false, 0},
		{"undecodable record", fileBytes(0, badToken), []uint64{100, 102}, 1, 0, false, 101},
		{"garbage instead of a record", fileBytes(0, garbage), []uint64{100, 102}, 1, 0, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, errs, chunkErrs, r := readAll(t, tt.file)
			if !equalIDs(ids, tt.ids) {
				t.Errorf("records %v, want %v", ids, tt.ids)
			}
			if len(errs) != tt.errs {
				t.Errorf("record errors %v, want %d", errs, tt.errs)
			}
			if len(errs) > 0 && errs[0].ID != tt.errID {
				t.Errorf("record error %v: want record %d", errs[0], tt.errID)
			}
			if len(chunkErrs) != tt.chunkErrs {
				t.Errorf("chunk errors %v, want %d", chunkErrs, tt.chunkErrs)
			}
			if r.Header.Dirty() != tt.dirty {
				t.Errorf("dirty %v", r.Header.Dirty())
			}
		})
	}
}

func equalIDs(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestChunkChecksums(t *testing.T) {
	good := testChunk(false)
	var d Decoder
	bad := bytes.Clone(good)
	bad[600] ^= 1
	c, err := d.Decode(bad)
	if err != nil {
		t.Fatal(err)
	}
	if c.Header.DataChecksumOK || !c.Header.HeaderChecksumOK {
		t.Errorf("checksums after a flipped record byte: %+v", c.Header)
	}
	bad = bytes.Clone(good)
	bad[200] ^= 1 // string table area of the header
	c, _ = d.Decode(bad)
	if c.Header.HeaderChecksumOK {
		t.Error("header checksum not checked")
	}
	if _, err := d.Decode(make([]byte, ChunkSize)); !errors.Is(err, ErrUnusedChunk) {
		t.Errorf("zero chunk: %v", err)
	}
}

func TestNotEVTX(t *testing.T) {
	for _, in := range []string{"", "ElfFil", "<Event xmlns='x'>", strings.Repeat("x", 5000)} {
		if _, err := NewReader(strings.NewReader(in)); !errors.Is(err, ErrNotEVTX) {
			t.Errorf("%q: %v", in, err)
		}
	}
	if _, err := NewReader(strings.NewReader(FileMagic + "short")); err == nil {
		t.Error("a cut file header is accepted")
	}
}

func TestValueFormats(t *testing.T) {
	le := binary.LittleEndian
	tests := []struct {
		typ  byte
		data []byte
		want string
	}{
		{typeGUID, provGUID.data, "{01234567-89AB-CDEF-0123-456789ABCDEF}"},
		{typeSID, vSID(5, 21, 3623811015, 3361044348, 30300820, 1013).data, "S-1-5-21-3623811015-3361044348-30300820-1013"},
		{typeSID, []byte{1, 0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc}, "S-1-0x123456789ABC"},
		{typeSID, []byte{1, 5, 0}, "010500"},
		{typeFiletime, le.AppendUint64(nil, 0), "1601-01-01T00:00:00.000000000Z"},
		{typeHex64, le.AppendUint64(nil, 0x3e7), "0x3e7"},
		{typeHex32, le.AppendUint32(nil, 0), "0x0"},
		{typeSizeT, le.AppendUint32(nil, 0xff), "0xff"},
		{typeBool, le.AppendUint32(nil, 0), "false"},
		{typeString, utf16le("a&b\x00junk"), "a&amp;b"},
		{typeString, []byte{0x3d, 0xd8, 0x00, 0xde}, "😀"},
		{typeString, []byte{0x3d, 0xd8, 'a', 0}, "\uFFFDa"},
		{typeInt32, []byte{1}, "01"},
		{typeAnsi, []byte("caf\xe9"), "café"},
		{typeNull, nil, ""},
	}
	for _, tt := range tests {
		if got := string(appendValue(nil, tt.typ, tt.data, escText)); got != tt.want {
			t.Errorf("type 0x%02x % x: %q, want %q", tt.typ, tt.data, got, tt.want)
		}
	}
}

// TestRecoverPastFreeSpace: a chunk header last updated after its first
// record (a file not closed cleanly) still gives every record, the later
// ones counted as recovered; a stale record in slack space is not read.
func TestRecoverPastFreeSpace(t *testing.T) {
	good := testChunk(false)
	var d Decoder
	c0, _ := d.Decode(good)
	second := c0.Records[1].Offset
	stale := bytes.Clone(good)
	le := binary.LittleEndian
	le.PutUint64(stale[16:], 100)
	le.PutUint64(stale[32:], 100)
	le.PutUint32(stale[44:], chunkHeaderSize)
	le.PutUint32(stale[48:], uint32(second))
	le.PutUint32(stale[52:], crc32.ChecksumIEEE(stale[chunkHeaderSize:second]))
	le.PutUint32(stale[124:], crc32.Update(crc32.ChecksumIEEE(stale[:120]), crc32.IEEETable, stale[128:chunkHeaderSize]))
	c, err := d.Decode(stale)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Records) != 3 || c.Recovered != 2 || len(c.Errors) != 0 || !c.Header.HeaderChecksumOK || !c.Header.DataChecksumOK {
		t.Errorf("%d records, %d recovered, errors %v, header %+v", len(c.Records), c.Recovered, c.Errors, c.Header)
	}
	if c.Records[2].ID != 102 {
		t.Errorf("last record %d", c.Records[2].ID)
	}
}

// TestValueTextTypes: value text is a string, but a fixed-size value in
// its place is rendered as its type; a variable-size one is an error.
func TestValueTextTypes(t *testing.T) {
	c := newChunkBuilder()
	c.record(1, when, func() {
		c.elem("E", nil, func() {
			c.u8(tokValue)
			c.u8(typeUint32)
			c.u32(42)
		})
	})
	c.record(2, when, func() {
		c.elem("E", nil, func() {
			c.u8(tokValue)
			c.u8(typeBinary)
			c.u16(1)
		})
	})
	var d Decoder
	out, err := d.Decode(c.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Records) != 1 || string(out.Records[0].XML) != "<E>42</E>" {
		t.Errorf("records %v", out.Records)
	}
	if len(out.Errors) != 1 || out.Errors[0].ID != 2 {
		t.Errorf("errors %v", out.Errors)
	}
}
