package evtx

import (
	"encoding/binary"
	"hash/crc32"
	"math"
	"time"
	"unicode/utf16"
)

// chunkBuilder is a tiny .evtx encoder for tests: it writes one chunk
// (offsets are chunk offsets), names inline the first time and by
// reference after, templates defined in the first record that uses them
// and referenced after.
type chunkBuilder struct {
	b                []byte
	names            map[string]uint32
	tmpls            map[uint32]uint32
	firstID, lastID  uint64
	records          int
	lastRecordOffset int
	noDep            bool // element starts without a dependency identifier
}

func newChunkBuilder() *chunkBuilder {
	return &chunkBuilder{b: make([]byte, chunkHeaderSize), names: map[string]uint32{}, tmpls: map[uint32]uint32{}}
}

func (c *chunkBuilder) u8(v byte)    { c.b = append(c.b, v) }
func (c *chunkBuilder) u16(v uint16) { c.b = binary.LittleEndian.AppendUint16(c.b, v) }
func (c *chunkBuilder) u32(v uint32) { c.b = binary.LittleEndian.AppendUint32(c.b, v) }
func (c *chunkBuilder) u64(v uint64) { c.b = binary.LittleEndian.AppendUint64(c.b, v) }
func (c *chunkBuilder) put32(at int, v uint32) {
	binary.LittleEndian.PutUint32(c.b[at:], v)
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func (c *chunkBuilder) name(s string) {
	if off, ok := c.names[s]; ok {
		c.u32(off)
		return
	}
	off := uint32(len(c.b) + 4)
	c.names[s] = off
	c.u32(off)
	c.u32(0) // next name in the hash bucket
	c.u16(0) // hash (not checked)
	c.u16(uint16(len(utf16.Encode([]rune(s)))))
	c.b = append(c.b, utf16le(s)...)
	c.u16(0)
}

// battr is an attribute: its name and the tokens of its value.
type battr struct {
	name  string
	value func()
}

func (c *chunkBuilder) elem(name string, attrs []battr, content func()) {
	tok := byte(tokOpenStart)
	if len(attrs) > 0 {
		tok |= tokMore
	}
	c.u8(tok)
	if !c.noDep {
		c.u16(0xffff)
	}
	sizeAt := len(c.b)
	c.u32(0)
	c.name(name)
	if len(attrs) > 0 {
		listAt := len(c.b)
		c.u32(0)
		for i, a := range attrs {
			t := byte(tokAttribute)
			if i < len(attrs)-1 {
				t |= tokMore
			}
			c.u8(t)
			c.name(a.name)
			a.value()
		}
		c.put32(listAt, uint32(len(c.b)-listAt-4))
	}
	if content == nil {
		c.u8(tokCloseEmpty)
	} else {
		c.u8(tokCloseStart)
		content()
		c.u8(tokEnd)
	}
	c.put32(sizeAt, uint32(len(c.b)-sizeAt-4))
}

func (c *chunkBuilder) text(s string) {
	c.u8(tokValue)
	c.u8(typeString)
	c.u16(uint16(len(utf16.Encode([]rune(s)))))
	c.b = append(c.b, utf16le(s)...)
}

func (c *chunkBuilder) sub(id uint16, typ byte) { c.u8(tokSubst); c.u16(id); c.u8(typ) }
func (c *chunkBuilder) opt(id uint16, typ byte) { c.u8(tokOptSubst); c.u16(id); c.u8(typ) }
func (c *chunkBuilder) charRef(v uint16)        { c.u8(tokCharRef); c.u16(v) }
func (c *chunkBuilder) entity(name string)      { c.u8(tokEntityRef); c.name(name) }
func (c *chunkBuilder) cdata(s string) {
	c.u8(tokCDATA)
	c.u16(uint16(len(utf16.Encode([]rune(s)))))
	c.b = append(c.b, utf16le(s)...)
}
func (c *chunkBuilder) fragment() { c.b = append(c.b, tokFragmentHead, 1, 1, 0) }

// tv is one substitution value.
type tv struct {
	typ  byte
	data []byte
}

// instance writes a template instance: the definition (body) the first
// time id is used, a reference after.
func (c *chunkBuilder) instance(id uint32, body func(), vals []tv) {
	c.u8(tokTemplate)
	c.u8(1)
	c.u32(id)
	if off, ok := c.tmpls[id]; ok {
		c.u32(off)
	} else {
		off := uint32(len(c.b) + 4)
		c.tmpls[id] = off
		c.u32(off)
		c.u32(0) // next template
		c.u32(id)
		c.b = append(c.b, make([]byte, 12)...) // rest of the GUID
		sizeAt := len(c.b)
		c.u32(0)
		c.fragment()
		body()
		c.u8(tokEOF)
		c.put32(sizeAt, uint32(len(c.b)-sizeAt-4))
	}
	c.u32(uint32(len(vals)))
	for _, v := range vals {
		c.u16(uint16(len(v.data)))
		c.u8(v.typ)
		c.u8(0)
	}
	for _, v := range vals {
		c.b = append(c.b, v.data...)
	}
}

// record writes one record whose Binary XML is written by body.
func (c *chunkBuilder) record(id uint64, written time.Time, body func()) {
	start := len(c.b)
	c.b = append(c.b, recordMagic...)
	c.u32(0)
	c.u64(id)
	c.u64(toFiletime(written))
	c.fragment()
	body()
	c.u8(tokEOF)
	size := uint32(len(c.b) - start + 4)
	c.put32(start+4, size)
	c.u32(size)
	if c.records == 0 {
		c.firstID = id
	}
	c.records++
	c.lastID = id
	c.lastRecordOffset = start
}

// bytes finishes the chunk: header with checksums, padded to ChunkSize.
func (c *chunkBuilder) bytes() []byte {
	b := make([]byte, ChunkSize)
	copy(b, c.b)
	free := len(c.b)
	copy(b, ChunkMagic)
	le := binary.LittleEndian
	le.PutUint64(b[8:], c.firstID)
	le.PutUint64(b[16:], c.lastID)
	le.PutUint64(b[24:], c.firstID)
	le.PutUint64(b[32:], c.lastID)
	le.PutUint32(b[40:], 128)
	le.PutUint32(b[44:], uint32(c.lastRecordOffset))
	le.PutUint32(b[48:], uint32(free))
	le.PutUint32(b[52:], crc32.ChecksumIEEE(b[chunkHeaderSize:free]))
	crc := crc32.Update(crc32.ChecksumIEEE(b[:120]), crc32.IEEETable, b[128:chunkHeaderSize])
	le.PutUint32(b[124:], crc)
	return b
}

// fileBytes is a file header followed by chunks.
func fileBytes(flags uint32, chunks ...[]byte) []byte {
	h := make([]byte, FileHeaderSize)
	copy(h, FileMagic)
	le := binary.LittleEndian
	le.PutUint64(h[16:], uint64(max(len(chunks)-1, 0)))
	le.PutUint32(h[32:], 128)
	le.PutUint16(h[36:], 1)
	le.PutUint16(h[38:], 3)
	le.PutUint16(h[40:], FileHeaderSize)
	le.PutUint16(h[42:], uint16(len(chunks)))
	le.PutUint32(h[120:], flags)
	le.PutUint32(h[124:], crc32.ChecksumIEEE(h[:120]))
	for _, c := range chunks {
		h = append(h, c...)
	}
	return h
}

func toFiletime(t time.Time) uint64 {
	return uint64(t.Unix()+filetimeEpoch)*1e7 + uint64(t.Nanosecond()/100)
}

// Value encoders.
func vString(s string) tv { return tv{typeString, append(utf16le(s), 0, 0)} }
func vU8(v uint8) tv      { return tv{typeUint8, []byte{v}} }
func vU16(v uint16) tv    { return tv{typeUint16, binary.LittleEndian.AppendUint16(nil, v)} }
func vU32(v uint32) tv    { return tv{typeUint32, binary.LittleEndian.AppendUint32(nil, v)} }
func vU64(v uint64) tv    { return tv{typeUint64, binary.LittleEndian.AppendUint64(nil, v)} }
func vHex64(v uint64) tv  { return tv{typeHex64, binary.LittleEndian.AppendUint64(nil, v)} }
func vNull() tv           { return tv{typeNull, nil} }
func vFiletime(t time.Time) tv {
	return tv{typeFiletime, binary.LittleEndian.AppendUint64(nil, toFiletime(t))}
}
func vGUID(d1 uint32, d2, d3 uint16, d4 [8]byte) tv {
	b := binary.LittleEndian.AppendUint32(nil, d1)
	b = binary.LittleEndian.AppendUint16(b, d2)
	b = binary.LittleEndian.AppendUint16(b, d3)
	return tv{typeGUID, append(b, d4[:]...)}
}
func vSID(auth byte, subs ...uint32) tv {
	b := []byte{1, byte(len(subs)), 0, 0, 0, 0, 0, auth}
	for _, s := range subs {
		b = binary.LittleEndian.AppendUint32(b, s)
	}
	return tv{typeSID, b}
}
func vF32(f float32) tv {
	return tv{typeReal32, binary.LittleEndian.AppendUint32(nil, math.Float32bits(f))}
}
func vF64(f float64) tv {
	return tv{typeReal64, binary.LittleEndian.AppendUint64(nil, math.Float64bits(f))}
}
