package cim

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FieldsFinish is Finish restricted to some fields: it computes their
// values in the finished row from the values of the fields they depend on,
// without building the row, for a loader that decides on a few finished
// fields before it stores a row. It is safe for concurrent use.
type FieldsFinish struct {
	fields []string // the wanted fields first, then the fields they depend on
	steps  []finishStep
}

// finishStep is one of Finish's calculations over FieldsFinish slots.
type finishStep struct {
	kind finishKind
	dst  int
	srcs []int
	val  string // default value; not_number's replacement ("drop": remove)
}

type finishKind uint8

const (
	stepDerive finishKind = iota
	stepFallback
	stepLengthOf
	stepDefault
	stepNotNumber
	stepLower
)

// FinishFor compiles Finish for the named fields. Fields() lists them
// first, in order, then the fields their calculations read. A nil d
// computes nothing.
func (d *Dataset) FinishFor(fields []string) *FieldsFinish {
	if d == nil {
		d = &Dataset{} // no declared fields: nothing to compute
	}
	ff := &FieldsFinish{}
	slot := func(name string) int {
		if i := slices.Index(ff.fields, name); i >= 0 {
			return i
		}
		ff.fields = append(ff.fields, name)
		return len(ff.fields) - 1
	}
	for _, f := range fields {
		slot(f)
	}
	root := d.rootFields()
	// the fields the wanted ones depend on, to a fixed point
	for changed := true; changed; {
		changed = false
		for _, f := range root {
			if !slices.Contains(ff.fields, f.Name) {
				continue
			}
			for _, src := range sources(f) {
				if !slices.Contains(ff.fields, src) {
					slot(src)
					changed = true
				}
			}
		}
	}
	in := func(f Field) bool { return slices.Contains(ff.fields, f.Name) }
	// the steps, in Finish's order
	for _, f := range root {
		if f.DeriveFrom != "" && in(f) {
			ff.steps = append(ff.steps, finishStep{kind: stepDerive, dst: slot(f.Name), srcs: []int{slot(f.DeriveFrom)}})
		}
	}
	for _, f := range root {
		if len(f.Fallback) > 0 && in(f) {
			st := finishStep{kind: stepFallback, dst: slot(f.Name)}
			for _, s := range f.Fallback {
				st.srcs = append(st.srcs, slot(s))
			}
			ff.steps = append(ff.steps, st)
		}
	}
	for _, f := range root {
		if f.LengthOf != "" && in(f) {
			ff.steps = append(ff.steps, finishStep{kind: stepLengthOf, dst: slot(f.Name), srcs: []int{slot(f.LengthOf)}})
		}
	}
	for _, f := range root {
		if f.Default != "" && in(f) {
			ff.steps = append(ff.steps, finishStep{kind: stepDefault, dst: slot(f.Name), val: f.Default})
		}
	}
	for _, f := range root {
		if f.NotNumber != "" && in(f) {
			ff.steps = append(ff.steps, finishStep{kind: stepNotNumber, dst: slot(f.Name), val: f.NotNumber})
		}
	}
	for _, f := range root {
		if f.Lower && in(f) {
			ff.steps = append(ff.steps, finishStep{kind: stepLower, dst: slot(f.Name)})
		}
	}
	return ff
}

// sources are the fields f's calculations read.
func sources(f Field) []string {
	var s []string
	if f.DeriveFrom != "" {
		s = append(s, f.DeriveFrom)
	}
	s = append(s, f.Fallback...)
	if f.LengthOf != "" {
		s = append(s, f.LengthOf)
	}
	return s
}

// Fields lists the fields Apply reads and writes: vals[i] is Fields()[i].
// The list is shared: do not modify it.
func (ff *FieldsFinish) Fields() []string {
	if ff == nil {
		return nil
	}
	return ff.fields
}

// Apply turns the row's values as given (vals[i] the value of Fields()[i]
// when set[i], else null) into its values after Finish, in place; only the
// fields given to FinishFor are then meant to be read. Vals or set
// shorter than Fields() leave the row as it is.
func (ff *FieldsFinish) Apply(vals []string, set []bool) {
	if ff == nil || len(vals) < len(ff.fields) || len(set) < len(ff.fields) {
		return
	}
	for _, st := range ff.steps {
		switch st.kind {
		case stepDerive:
			if set[st.dst] && vals[st.dst] != "" {
				continue
			}
			if src := st.srcs[0]; set[src] {
				if name := CommandBasename(vals[src]); name != "" {
					vals[st.dst], set[st.dst] = name, true
				}
			}
		case stepFallback:
			if set[st.dst] {
				continue
			}
			for _, src := range st.srcs {
				if set[src] {
					vals[st.dst], set[st.dst] = vals[src], true
					break
				}
			}
		case stepLengthOf:
			if src := st.srcs[0]; set[src] {
				vals[st.dst], set[st.dst] = strconv.Itoa(utf8.RuneCountInString(vals[src])), true
			}
		case stepDefault:
			if !set[st.dst] || vals[st.dst] == "" {
				vals[st.dst], set[st.dst] = st.val, true
			}
		case stepNotNumber:
			if set[st.dst] && IsNumber(vals[st.dst]) {
				continue
			}
			if st.val == "drop" {
				vals[st.dst], set[st.dst] = "", false
			} else {
				vals[st.dst], set[st.dst] = st.val, true
			}
		case stepLower:
			if set[st.dst] && hasUpper(vals[st.dst]) {
				vals[st.dst] = strings.ToLower(vals[st.dst])
			}
		}
	}
}
