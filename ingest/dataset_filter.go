package ingest

import (
	"unsafe"

	"github.com/spelunk-dev/spelunk/cim"
)

// RowFilter selects the rows of a dataset while they are read
// (Options.Rows): the workers that parse the file decide on each row, so
// that a row no search can read never reaches the table's dictionaries.
type RowFilter struct {
	// Fields are the fields Keep reads, without the dataset prefix
	// (_time excluded: Keep gets it apart).
	Fields []string
	// Keep reports whether the row is stored. vals[i] is the value of
	// Fields[i] in the finished row (metadata as Options and defaults
	// set it, then the dataset's calculations, cim.Dataset.Finish) when
	// set[i], else the field is null; time is the row's _time. It is
	// called concurrently from the parsing goroutines and must not keep
	// vals or set.
	Keep func(vals []string, set []bool, time float64) bool
}

// rowSel evaluates a RowFilter in one worker.
type rowSel struct {
	keep   func([]string, []bool, float64) bool
	n      int // len(RowFilter.Fields): the first slots
	ff     *cim.FieldsFinish
	slotOf []int // by field id: the slot, or -1
	vals   []string
	set    []bool
	metas  []selMeta
}

// selMeta is a metadata field the filter reads, set as the table's
// consumer sets it (override, else the row's own, else the default).
type selMeta struct {
	slot        int
	over, deflt string
}

// newRowSel prepares f for a worker; metas gives the metadata fields'
// override and default by name. It is nil when f is.
func newRowSel(f *RowFilter, ds *cim.Dataset, kt *keyTable, metas map[string][2]string) *rowSel {
	if f == nil {
		return nil
	}
	s := &rowSel{keep: f.Keep, n: len(f.Fields), ff: ds.FinishFor(f.Fields)}
	names := s.ff.Fields()
	s.vals = make([]string, len(names))
	s.set = make([]bool, len(names))
	for slot, name := range names {
		fid := int(kt.id([]byte(name)))
		for fid >= len(s.slotOf) {
			s.slotOf = append(s.slotOf, -1)
		}
		s.slotOf[fid] = slot
		if m, ok := metas[name]; ok {
			s.metas = append(s.metas, selMeta{slot: slot, over: m[0], deflt: m[1]})
		}
	}
	return s
}

// begin starts a row.
func (s *rowSel) begin() { clear(s.set) }

// wants reports whether the filter reads field fid.
func (s *rowSel) wants(fid int32) bool {
	return int(fid) < len(s.slotOf) && s.slotOf[fid] >= 0
}

// put gives a field of the row its value; a later value of the same field
// replaces it, as the table builder does.
func (s *rowSel) put(fid int32, v []byte) {
	if int(fid) >= len(s.slotOf) || s.slotOf[fid] < 0 {
		return
	}
	slot := s.slotOf[fid]
	s.vals[slot], s.set[slot] = bytesView(v), true
}

// keepRow decides the row given by put since begin.
func (s *rowSel) keepRow(t float64) bool {
	for _, m := range s.metas {
		switch {
		case m.over != "":
			s.vals[m.slot], s.set[m.slot] = m.over, true
		case m.deflt != "" && !s.set[m.slot]:
			s.vals[m.slot], s.set[m.slot] = m.deflt, true
		}
	}
	s.ff.Apply(s.vals, s.set)
	return s.keep(s.vals[:s.n], s.set[:s.n], t)
}

// bytesView is b as a string without copying, valid while b is unchanged.
func bytesView(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// omit records a row the filter left out.
func (c *datasetChunk) omit(t float64) {
	if c.omitted == 0 || t > c.omitLatest {
		c.omitLatest = t
	}
	c.omitted++
}
