package evtx

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"time"
)

const (
	chunkHeaderSize  = 512
	recordHeaderSize = 24
	recordMagic      = "\x2a\x2a\x00\x00"
)

// ChunkHeader is a chunk header's fields.
type ChunkHeader struct {
	FirstRecordNumber, LastRecordNumber uint64 // log record numbers
	FirstRecordID, LastRecordID         uint64 // event record identifiers
	LastRecordOffset                    uint32 // of the last record's header
	FreeSpaceOffset                     uint32 // end of the records
	HeaderChecksumOK                    bool   // CRC-32 of bytes 0-120 and 128-512
	DataChecksumOK                      bool   // CRC-32 of the records
}

// ErrUnusedChunk is returned for a chunk that was never written (all
// zero, as preallocated chunks at the end of a file are): not an error in
// the file, just nothing to read.
var ErrUnusedChunk = errors.New("evtx: unused chunk")

// Record is one decoded event record.
type Record struct {
	ID      uint64 // the event record identifier (EventRecordID)
	Written uint64 // when it was written, a FILETIME
	Offset  int    // of its header in the chunk
	XML     []byte // the rendered <Event> element; valid until the next Decode
}

// WrittenTime is Written as a time.
func (r Record) WrittenTime() time.Time { return filetime(r.Written) }

// RecordError is a record, or a stretch of a chunk, that could not be
// decoded.
type RecordError struct {
	ID     uint64 // the record identifier; 0 when its header was unreadable
	Offset int    // in the chunk
	Reason string
}

func (e RecordError) Error() string {
	if e.ID == 0 {
		return fmt.Sprintf("offset %d: %s", e.Offset, e.Reason)
	}
	return fmt.Sprintf("record %d (offset %d): %s", e.ID, e.Offset, e.Reason)
}

// Chunk is what Decoder.Decode made of one chunk.
type Chunk struct {
	Header ChunkHeader
	// XML holds the records' XML back to back: each Record.XML is the
	// next slice of it.
	XML     []byte
	Records []Record
	Errors  []RecordError
	// Recovered counts the records read past the header's free-space
	// offset: records that continue the chunk's numbering, written after
	// the header was last updated (a file not closed cleanly).
	Recovered int
}

// Decoder decodes chunks. Its caches are reset for every chunk; reusing
// one Decoder for many chunks saves allocations. A Decoder is not safe for
// concurrent use: use one per goroutine.
type Decoder struct {
	p   parser
	out []byte
	// MaxRecordXML bounds one record's rendered XML (default 16 MiB); a
	// record that would render longer is a RecordError.
	MaxRecordXML int
}

// ParseChunkHeader reads a chunk's header and checks its checksums.
func ParseChunkHeader(b []byte) (ChunkHeader, error) {
	if len(b) < chunkHeaderSize {
		if len(b) >= 8 && allZero(b) {
			return ChunkHeader{}, ErrUnusedChunk
		}
		return ChunkHeader{}, fmt.Errorf("evtx: chunk cut short at %d bytes", len(b))
	}
	if string(b[:8]) != ChunkMagic {
		if allZero(b[:chunkHeaderSize]) {
			return ChunkHeader{}, ErrUnusedChunk
		}
		return ChunkHeader{}, errors.New("evtx: no ElfChnk magic")
	}
	le := binary.LittleEndian
	h := ChunkHeader{
		FirstRecordNumber: le.Uint64(b[8:]),
		LastRecordNumber:  le.Uint64(b[16:]),
		FirstRecordID:     le.Uint64(b[24:]),
		LastRecordID:      le.Uint64(b[32:]),
		LastRecordOffset:  le.Uint32(b[44:]),
		FreeSpaceOffset:   le.Uint32(b[48:]),
	}
	crc := crc32.Update(crc32.ChecksumIEEE(b[:120]), crc32.IEEETable, b[128:chunkHeaderSize])
	h.HeaderChecksumOK = crc == le.Uint32(b[124:])
	if f := int(h.FreeSpaceOffset); f >= chunkHeaderSize && f <= len(b) {
		h.DataChecksumOK = crc32.ChecksumIEEE(b[chunkHeaderSize:f]) == le.Uint32(b[52:])
	}
	return h, nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// Decode decodes every record of one chunk (ChunkSize bytes, or fewer
// for a chunk cut short). It fails only when b is not a chunk
// (ErrUnusedChunk for a never-written one); records that cannot be
// decoded are in Chunk.Errors. The records are those before the header's
// free-space offset, then those after it that continue the numbering
// (Chunk.Recovered); other bytes after it are slack and not read. When
// that offset is not plausible, records are read while they are
// well-formed. The returned
// Chunk and its records' XML stay valid until the next call. A nil
// Decoder is an error.
func (d *Decoder) Decode(b []byte) (*Chunk, error) {
	if d == nil {
		return nil, errors.New("evtx: nil Decoder")
	}
	h, err := ParseChunkHeader(b)
	if err != nil {
		return nil, err
	}
	c := &Chunk{Header: h}
	d.p.reset(b)
	d.out = d.out[:0]
	limit := d.MaxRecordXML
	if limit <= 0 {
		limit = 16 << 20
	}
	end := int(h.FreeSpaceOffset)
	trusted := end >= chunkHeaderSize && end <= ChunkSize
	if !trusted || end > len(b) {
		end = len(b)
	}
	type span struct{ start, end int }
	var spans []span
	decode := func(pos, size int, id uint64) bool {
		written := binary.LittleEndian.Uint64(b[pos+16:])
		start := len(d.out)
		d.p.max = min(start+limit, maxChunkXML)
		out, err := d.p.record(d.out, pos+recordHeaderSize, pos+size-4)
		if err != nil {
			d.out = d.out[:start]
			c.Errors = append(c.Errors, RecordError{ID: id, Offset: pos, Reason: err.Error()})
			return false
		}
		d.out = out
		c.Records = append(c.Records, Record{ID: id, Written: written, Offset: pos})
		spans = append(spans, span{start, len(d.out)})
		return true
	}
	pos := chunkHeaderSize
	for pos+8 <= end {
		if string(b[pos:pos+4]) != recordMagic {
			if allZero(b[pos:end]) {
				break
			}
			next := bytes.Index(b[pos+1:end], []byte(recordMagic))
			c.Errors = append(c.Errors, RecordError{Offset: pos, Reason: "no record signature; bytes up to the next record skipped"})
			if next < 0 {
				break
			}
			pos += 1 + next
			continue
		}
		size := int(binary.LittleEndian.Uint32(b[pos+4:]))
		var id uint64
		if pos+16 <= len(b) {
			id = binary.LittleEndian.Uint64(b[pos+8:])
		}
		if size < recordHeaderSize+4 || pos+size > len(b) {
			reason := fmt.Sprintf("record size %d does not fit the chunk", size)
			if pos+size > len(b) && len(b) < ChunkSize {
				reason = "record cut short (truncated file)"
			}
			c.Errors = append(c.Errors, RecordError{ID: id, Offset: pos, Reason: reason})
			next := bytes.Index(b[pos+1:end], []byte(recordMagic))
			if next < 0 {
				break
			}
			pos += 1 + next
			continue
		}
		if pos+size > end && trusted {
			break // past the free-space offset: slack
		}
		decode(pos, size, id)
		pos += size
	}
	// A header not updated before the file was closed (dirty) leaves
	// records after the free-space offset: they continue the chunk's
	// numbering, while stale records in slack space do not.
	if trusted {
		last := h.LastRecordID
		if n := len(c.Records); n > 0 {
			last = max(last, c.Records[n-1].ID)
		}
		for pos+recordHeaderSize <= len(b) && string(b[pos:pos+4]) == recordMagic {
			size := int(binary.LittleEndian.Uint32(b[pos+4:]))
			id := binary.LittleEndian.Uint64(b[pos+8:])
			if id != last+1 || size < recordHeaderSize+4 || pos+size > len(b) ||
				binary.LittleEndian.Uint32(b[pos+size-4:]) != uint32(size) {
				break
			}
			if decode(pos, size, id) {
				c.Recovered++
			}
			last = id
			pos += size
		}
	}
	for i := range c.Records {
		c.Records[i].XML = d.out[spans[i].start:spans[i].end:spans[i].end]
	}
	c.XML = d.out
	return c, nil
}
