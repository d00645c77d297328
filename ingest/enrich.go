package ingest

import (
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/cim"
)

// Enrich adds the search-time knowledge to ev, as Splunk does when a
// search reads it: the field rules of m.Fields (a rule never replaces a
// field the event has), then one eventtype value per matching Eventtype and
// their tags, and the tags of matching field-value tags (each tag once, in
// order) as the multivalue fields eventtype and tag. It is safe for concurrent use on different events.
// A nil m adds nothing; a nil ev is ignored.
func (m *Mappings) Enrich(ev *Event) {
	if m == nil || ev == nil {
		return
	}
	if ev.compact() {
		// a reader's compact event: enrich appends to the field list
		ev.fields = ev.Fields()
		ev.names, ev.vals, ev.extra = nil, nil, ""
	}
	m.enrich(ev, m.index(ev, nil))
}

func (m *Mappings) enrich(ev *Event, ix *fieldIndex) {
	k := m.compiled()
	if len(ix.cond) != k.nConds {
		ix.cond = make([]int8, k.nConds)
	} else {
		clear(ix.cond)
	}
	add := func(slot int, name, v string) {
		ev.fields = append(ev.fields, Field{name, v})
		ix.addSlot(slot, ev.Len()-1)
		for _, id := range k.slotConds[slot] {
			ix.cond[id] = 0 // a condition on this field is tested again
		}
	}
	for gi, x := range m.Fields {
		g := &k.groups[gi]
		if !holdsAllCached(x.Match, g.match, g.condIDs, ev, ix) {
			continue
		}
		for i := range x.Fields {
			r := &x.Fields[i]
			cr := &g.rules[i]
			if ix.first[cr.target] >= 0 {
				continue // the event has the field
			}
			if _, ok := ev.meta(r.Field); ok {
				continue
			}
			if v, ok := r.evalC(ev, ix, cr.from); ok {
				add(cr.target, r.Field, v)
			}
		}
	}
	var tags []string
	for ei, et := range m.Eventtypes {
		if !holdsAllCached(et.Match, k.eventtypes[ei], k.eventtypeConds[ei], ev, ix) {
			continue
		}
		if !et.TagsOnly {
			add(k.eventtypeSlot, "eventtype", et.Name)
		}
		for _, t := range et.Tags {
			if !contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	for _, t := range tags {
		add(k.tagSlot, "tag", t)
	}
}

// compiledKnowledge is m with every field name the knowledge uses
// resolved to a slot of fieldIndex, built once per Mappings.
type compiledKnowledge struct {
	slots          map[string]int
	groups         []compiledGroup
	eventtypes     [][][]int // [eventtype][condition][field] slot
	eventtypeConds [][]int   // [eventtype][condition] condition id
	mappings       [][][]int // [mapping][condition][field] slot
	eventtypeSlot  int
	tagSlot        int
	// Conditions of field groups and eventtypes that test the same thing
	// (the Security or Sysmon source test of every group) share an id, so
	// that enrich tests each once per event; slotConds lists, per slot, the
	// ids of the conditions that read it (a field added invalidates them).
	nConds    int
	slotConds [][]int
}

type compiledGroup struct {
	match   [][]int // [condition][field] slot
	condIDs []int   // [condition] condition id
	rules   []compiledRule
}

type compiledRule struct {
	target int
	from   []int
}

// fieldIndex locates an event's fields by name for the names the
// knowledge uses (conditions, rule sources and targets), so that testing
// thirty conditions does not scan sixty fields thirty times.
type fieldIndex struct {
	slots map[string]int // name → slot; shared, read-only
	first []int32        // per slot: index of the first field, -1 if none
	multi []bool         // per slot: the name occurs more than once
	cond  []int8         // per condition id (enrich): 0 not tested, 1 holds, 2 does not
}

// compiled resolves m's names to slots, once. m must not be modified
// after its first use.
func (m *Mappings) compiled() *compiledKnowledge {
	m.compileOnce.Do(func() {
		k := &compiledKnowledge{slots: map[string]int{}}
		slot := func(n string) int {
			s, ok := k.slots[n]
			if !ok {
				s = len(k.slots)
				k.slots[n] = s
			}
			return s
		}
		conds := func(cs []Condition) [][]int {
			out := make([][]int, len(cs))
			for i, c := range cs {
				for _, n := range c.Field {
					out[i] = append(out[i], slot(n))
				}
			}
			return out
		}
		ids := map[string]int{}
		var condSlots [][]int // [id] slots read
		condIDs := func(cs []Condition, slots [][]int) []int {
			out := make([]int, len(cs))
			for i, c := range cs {
				key := conditionKey(c)
				id, ok := ids[key]
				if !ok {
					id = len(ids)
					ids[key] = id
					condSlots = append(condSlots, slots[i])
				}
				out[i] = id
			}
			return out
		}
		for _, x := range m.Fields {
			g := compiledGroup{match: conds(x.Match)}
			g.condIDs = condIDs(x.Match, g.match)
			for _, r := range x.Fields {
				cr := compiledRule{target: slot(r.Field)}
				for _, n := range r.From {
					cr.from = append(cr.from, slot(n))
				}
				names, _ := templateFields(r.Template)
				for _, n := range names {
					slot(n)
				}
				g.rules = append(g.rules, cr)
			}
			k.groups = append(k.groups, g)
		}
		for _, e := range m.Eventtypes {
			c := conds(e.Match)
			k.eventtypes = append(k.eventtypes, c)
			k.eventtypeConds = append(k.eventtypeConds, condIDs(e.Match, c))
		}
		k.eventtypeSlot = slot("eventtype")
		k.tagSlot = slot("tag")
		for _, mp := range m.List {
			k.mappings = append(k.mappings, conds(mp.Match))
			for _, r := range mp.Fields {
				for _, n := range r.From {
					slot(n)
				}
			}
		}
		k.nConds = len(ids)
		k.slotConds = make([][]int, len(k.slots))
		for id, ss := range condSlots {
			for _, sl := range ss {
				if !slices.Contains(k.slotConds[sl], id) {
					k.slotConds[sl] = append(k.slotConds[sl], id)
				}
			}
		}
		m.compiledK = k
	})
	return m.compiledK
}

// conditionKey identifies what a condition tests, Not aside.
func conditionKey(c Condition) string {
	var sb strings.Builder
	for _, l := range [][]string{c.Field, c.In, c.All} {
		for _, v := range l {
			sb.WriteString(v)
			sb.WriteByte(0)
		}
		sb.WriteByte(1)
	}
	if c.In == nil {
		sb.WriteByte('n') // "exists" differs from "in: []"
	}
	if c.Any {
		sb.WriteByte('a')
	}
	return sb.String()
}

// holdsAllCached is holdsAllC with each condition's result (Not aside)
// kept in ix.cond by id until a field it reads is added.
func holdsAllCached(cs []Condition, slots [][]int, ids []int, ev *Event, ix *fieldIndex) bool {
	for i := range cs {
		r := ix.cond[ids[i]]
		if r == 0 {
			r = 2
			if cs[i].holds(ev, ix, slots[i]) {
				r = 1
			}
			ix.cond[ids[i]] = r
		}
		if (r == 1) == cs[i].Not {
			return false
		}
	}
	return true
}

// index builds the index of ev, reusing ix when not nil.
func (m *Mappings) index(ev *Event, ix *fieldIndex) *fieldIndex {
	slots := m.compiled().slots
	if ix == nil || len(ix.first) != len(slots) {
		ix = &fieldIndex{slots: slots, first: make([]int32, len(slots)), multi: make([]bool, len(slots))}
	}
	for i := range ix.first {
		ix.first[i] = -1
		ix.multi[i] = false
	}
	for i := range ev.Len() {
		ix.add(ev.nameAt(i), i)
	}
	return ix
}

func (ix *fieldIndex) add(name string, i int) {
	if s, ok := ix.slots[name]; ok {
		ix.addSlot(s, i)
	}
}

func (ix *fieldIndex) addSlot(s, i int) {
	if ix.first[s] < 0 {
		ix.first[s] = int32(i)
	} else {
		ix.multi[s] = true
	}
}

// get is ev.Lookup through the index (names outside it are scanned).
func (ix *fieldIndex) get(ev *Event, name string) (string, bool) {
	if ix != nil {
		if s, ok := ix.slots[name]; ok {
			if f := ix.first[s]; f >= 0 {
				return ev.valueAt(int(f)), true
			}
			return ev.meta(name)
		}
	}
	return ev.Lookup(name)
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func holdsAll(cs []Condition, ev *Event) bool { return holdsAllIx(cs, ev, nil) }

func holdsAllIx(cs []Condition, ev *Event, ix *fieldIndex) bool {
	for i := range cs {
		if cs[i].holds(ev, ix, nil) == cs[i].Not {
			return false
		}
	}
	return true
}

// holdsAllC is holdsAll with the conditions' field slots resolved.
func holdsAllC(cs []Condition, slots [][]int, ev *Event, ix *fieldIndex) bool {
	for i := range cs {
		if cs[i].holds(ev, ix, slots[i]) == cs[i].Not {
			return false
		}
	}
	return true
}

// Holds reports whether the condition holds for ev; a nil condition does
// not hold, and a nil ev is an event without fields.
func (c *Condition) Holds(ev *Event) bool {
	if c == nil {
		return false
	}
	return c.holds(ev, nil, nil) != c.Not
}

// holds tests the condition (without Not); slots, when not nil, are the
// index slots of c.Field.
func (c *Condition) holds(ev *Event, ix *fieldIndex, slots []int) bool {
	for k, name := range c.Field {
		found := false
		matchedIn := c.In == nil
		var allSeen uint64 // bit i: c.All[i] seen
		start := 0
		if ix != nil {
			s, ok := -1, false
			if slots != nil {
				s, ok = slots[k], true
			} else {
				s, ok = ix.slots[name]
			}
			if ok {
				if !ix.multi[s] {
					// zero or one value: no scan
					var v string
					if f := ix.first[s]; f >= 0 {
						v = ev.valueAt(int(f))
					} else if v, ok = ev.meta(name); !ok {
						continue
					}
					c.test(v, &matchedIn, &allSeen)
					if ok := matchedIn && allSeen == 1<<len(c.All)-1; ok || !c.Any {
						return ok
					}
					continue
				}
				start = int(ix.first[s]) // multivalue: scan from the first value
			}
		}
		for i := start; i < ev.Len(); i++ {
			if ev.nameAt(i) != name {
				continue
			}
			found = true
			c.test(ev.valueAt(i), &matchedIn, &allSeen)
		}
		if !found {
			v, ok := ev.Lookup(name) // metadata
			if !ok {
				continue
			}
			c.test(v, &matchedIn, &allSeen)
		}
		if ok := matchedIn && allSeen == 1<<len(c.All)-1; ok || !c.Any {
			return ok
		}
	}
	return false
}

// test checks one value of the condition's field.
func (c *Condition) test(v string, matchedIn *bool, allSeen *uint64) {
	if !*matchedIn {
		for _, w := range c.In {
			if v == w || strings.EqualFold(v, w) {
				*matchedIn = true
				break
			}
		}
	}
	for i, w := range c.All {
		if i < 64 && (v == w || strings.EqualFold(v, w)) {
			*allSeen |= 1 << i
		}
	}
}

// Eval computes the rule's value for ev; false when the field stays null.
// A nil r gives no value.
func (r *FieldRule) Eval(ev *Event) (string, bool) {
	if r == nil {
		return "", false
	}
	return r.eval(ev, nil)
}

func (r *FieldRule) eval(ev *Event, ix *fieldIndex) (string, bool) { return r.evalC(ev, ix, nil) }

// evalC is eval with the slots of r.From resolved (nil: by name).
func (r *FieldRule) evalC(ev *Event, ix *fieldIndex, from []int) (string, bool) {
	var v string
	switch {
	case r.Template != "":
		var ok bool
		if v, ok = r.template(ev, ix); !ok {
			return "", false
		}
	case len(r.From) > 0:
		found := false
		for k, n := range r.From {
			var x string
			var ok bool
			if from != nil {
				if f := ix.first[from[k]]; f >= 0 {
					x, ok = ev.valueAt(int(f)), true
				} else {
					x, ok = ev.meta(n)
				}
			} else {
				x, ok = ix.get(ev, n)
			}
			if ok && !contains(r.Drop, x) {
				v, found = x, true
				break
			}
		}
		if !found {
			return "", false
		}
	default:
		return r.Value, true
	}
	v, ok := applyFunc(r.Func, v)
	if !ok {
		return "", false
	}
	if r.Map != nil {
		m, ok := r.Map[v]
		if !ok {
			m, ok = r.Map[strings.ToLower(v)]
		}
		switch {
		case ok:
			v = m
		case r.Default != "":
			v = r.Default
		default:
			return "", false
		}
	}
	return v, true
}

func (r *FieldRule) template(ev *Event, ix *fieldIndex) (string, bool) {
	var sb strings.Builder
	t := r.Template
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			sb.WriteString(t)
			return sb.String(), true
		}
		sb.WriteString(t[:i])
		j := strings.IndexByte(t[i:], '}')
		v, ok := ix.get(ev, t[i+1:i+j])
		if !ok || contains(r.Drop, v) {
			return "", false
		}
		sb.WriteString(v)
		t = t[i+j+1:]
	}
}

// applyFunc transforms v by a rule's func; false when the func gives no
// value (argv0 of a blank command line, digits without them).
func applyFunc(fn, v string) (string, bool) {
	switch fn {
	case "basename":
		return basename(v), true
	case "hex2dec":
		return hexToDec(v), true
	case "regdata":
		d, _ := registryValue(v)
		return d, true
	case "regtype":
		_, t := registryValue(v)
		return t, true
	case "lower":
		return strings.ToLower(v), true
	case "upper":
		return strings.ToUpper(v), true
	case "argv0":
		a, _, ok := commandLineSplit(v)
		return a, ok
	case "argv_rest":
		_, rest, ok := commandLineSplit(v)
		return rest, ok && rest != ""
	case "process4688":
		return process4688(v)
	case "digits":
		return digitsAfterPrefix(v)
	case "md5", "sha1", "sha256", "imphash":
		return hashValue(v, fn)
	}
	return v, true
}

// basename is the text after the last backslash or slash (Windows and
// Linux paths), case preserved.
func basename(p string) string {
	return p[strings.LastIndexAny(p, `\/`)+1:]
}

// hexToDec turns "0x1a2c" into "6700"; other values are returned as they
// are (Windows Security events write process ids in hex).
func hexToDec(v string) string {
	h, ok := strings.CutPrefix(v, "0x")
	if !ok {
		h, ok = strings.CutPrefix(v, "0X")
	}
	if !ok {
		return v
	}
	n, err := strconv.ParseUint(h, 16, 64)
	if err != nil {
		return v
	}
	return strconv.FormatUint(n, 10)
}

// Matches reports whether ev satisfies every condition of m.
// A nil m matches nothing.
func (m *Mapping) Matches(ev *Event) bool {
	if m == nil {
		return false
	}
	return holdsAll(m.Match, ev)
}

// Apply computes the row of m's dataset for ev, calling set for each
// non-null field: every declared field of the dataset from the event's
// field of the same name (its first value; tag excluded), then m's
// explicit rules, which override. A nil m, ev or set does nothing.
func (m *Mapping) Apply(ev *Event, set func(field, value string)) {
	if m == nil || ev == nil || set == nil {
		return
	}
	ds, ok := cim.LookupDataset(m.Dataset)
	if !ok {
		return
	}
	newRowMapper(m, ds).row(ev, func(f Field) { set(f.Name, f.Value) })
}

// rowMapper is a Mapping compiled against its dataset's declaration.
type rowMapper struct {
	m        *Mapping
	dataset  string
	declared map[string]bool
	explicit map[string]bool
}

func newRowMapper(m *Mapping, ds *cim.Dataset) *rowMapper {
	rm := &rowMapper{m: m, dataset: ds.FullName(), declared: map[string]bool{}, explicit: map[string]bool{}}
	for _, f := range ds.Fields {
		if f.Name != "tag" {
			rm.declared[f.Name] = true
		}
	}
	for _, r := range m.Fields {
		rm.explicit[r.Field] = true
	}
	return rm
}

// rowIndex is row as indexes into ev's fields (inherited fields, at most
// 65536 fields per event), appended to idx, and explicit fields, appended
// to extra; seen is scratch space.
func (rm *rowMapper) rowIndex(ev *Event, idx []uint16, extra []Field, seen []string) ([]uint16, []Field, []string) {
	for i, f := range ev.All() {
		if i > 0xffff {
			break
		}
		if !rm.declared[f.Name] || rm.explicit[f.Name] {
			continue
		}
		if contains(seen, f.Name) {
			continue
		}
		seen = append(seen, f.Name)
		idx = append(idx, uint16(i))
	}
	for i := range rm.m.Fields {
		r := &rm.m.Fields[i]
		if v, ok := r.eval(ev, nil); ok {
			extra = append(extra, Field{r.Field, v})
		}
	}
	return idx, extra, seen
}

// row calls set for the row's fields: inherited ones in event order, then
// explicit ones.
func (rm *rowMapper) row(ev *Event, set func(Field)) {
	var done []string
	for _, f := range ev.All() {
		if !rm.declared[f.Name] || rm.explicit[f.Name] || contains(done, f.Name) {
			continue
		}
		done = append(done, f.Name)
		set(f)
	}
	for i := range rm.m.Fields {
		r := &rm.m.Fields[i]
		if v, ok := r.Eval(ev); ok {
			set(Field{r.Field, v})
		}
	}
}

// registryValue splits Sysmon's registry Details the way the Sysmon add-on
// does for the Registry data model: "DWORD (0x00000001)" is the value
// 0x00000001 of type REG_DWORD, "QWORD (0x00000000-0x00000001)" a REG_QWORD;
// anything else ("Binary Data", a string) is kept whole, typed REG_BINARY
// or REG_SZ. security_content compares registry_value_data="0x00000001"
// (about 70 detections), which only matches the unwrapped form [I].
func registryValue(details string) (data, typ string) {
	for _, w := range [...]struct{ prefix, typ string }{{"DWORD (", "REG_DWORD"}, {"QWORD (", "REG_QWORD"}} {
		if strings.HasPrefix(details, w.prefix) && strings.HasSuffix(details, ")") {
			return details[len(w.prefix) : len(details)-1], w.typ
		}
	}
	if details == "Binary Data" {
		return details, "REG_BINARY"
	}
	return details, "REG_SZ"
}
