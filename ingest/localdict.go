package ingest

import "hash/maphash"

// chunkDicts interns one chunk's values per field id, in the worker that
// parses the chunk. Rows then carry small local codes, and the (serial)
// table builder interns each distinct value of a chunk once instead of once
// per row: the costly hashing and comparing runs in parallel, on data that
// fits in cache.
type chunkDicts struct {
	seed  maphash.Seed
	dicts []localDict // by field id
	used  []int32     // field ids with values in this chunk
}

type localDict struct {
	vals   [][]byte // local code c is vals[c-1]
	hashes []uint64 // hashes[c-1] is vals[c-1]'s hash (with the seed)
	slots  []uint64 // hash top 32 bits << 32 | code; 0 = empty
}

// reset empties the dicts for a new chunk; seed is the table builder's, so
// that the builder can reuse the hashes.
func (d *chunkDicts) reset(seed maphash.Seed) {
	d.seed = seed
	for _, fid := range d.used {
		ld := &d.dicts[fid]
		ld.vals = ld.vals[:0]
		ld.hashes = ld.hashes[:0]
		clear(ld.slots)
	}
	d.used = d.used[:0]
}

// code returns v's local code (1-based) for fid.
func (d *chunkDicts) code(fid int32, v []byte) uint32 {
	for int(fid) >= len(d.dicts) {
		d.dicts = append(d.dicts, localDict{})
	}
	ld := &d.dicts[fid]
	if len(ld.vals) == 0 {
		d.used = append(d.used, fid)
	}
	h := maphash.Bytes(d.seed, v)
	if len(ld.slots) == 0 || (len(ld.vals)+1)*2 > len(ld.slots) {
		ld.grow()
	}
	mask := uint64(len(ld.slots) - 1)
	tag := h >> 32
	for i := h & mask; ; i = (i + 1) & mask {
		s := ld.slots[i]
		if s == 0 {
			ld.vals = append(ld.vals, v)
			ld.hashes = append(ld.hashes, h)
			c := uint32(len(ld.vals))
			ld.slots[i] = tag<<32 | uint64(c)
			return c
		}
		if s>>32 == tag && string(ld.vals[uint32(s)-1]) == string(v) {
			return uint32(s)
		}
	}
}

func (ld *localDict) grow() {
	size := 2 * len(ld.slots)
	if size < 64 {
		size = 64
	}
	ld.slots = make([]uint64, size)
	mask := uint64(size - 1)
	for k, h := range ld.hashes {
		for i := h & mask; ; i = (i + 1) & mask {
			if ld.slots[i] == 0 {
				ld.slots[i] = h>>32<<32 | uint64(k+1)
				break
			}
		}
	}
}
