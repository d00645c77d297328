package eval

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
)

// fieldTime is the numeric _time column.
const fieldTime = "_time"

// tstatsStage is `| tstats ... from datamodel=M.D [where ...] [by ...]`, a
// columnar scan of one data-model table [D S-tstats, spl_semantics.md §3]:
//
//   - fields are written with the root dataset's name as prefix
//     (Processes.process_name reads column process_name); _time, host,
//     source, sourcetype (and index) are written without it (a prefixed
//     form such as Processes.host reads the same column [U]). Any other
//     unprefixed field has no value in a data model [I].
//   - where: search syntax (search_cond.go, internal/glob); bare keywords
//     are an error (data models have no _raw) except `*`; nodename=... is
//     accepted and ignored (child datasets are not modelled yet).
//     earliest=/latest= are time bounds on _time, read exactly as in the
//     search command (search_time.go: relative to Options.Now, absolute
//     %m/%d/%Y:%H:%M:%S, epoch; wherever written, several narrow together)
//     [D S-tstats: "where ... earliest=-1d"]; a row without _time is
//     outside any bound.
//   - by: a row whose by-field is null is dropped, unless fillnull_value=X
//     is given, then the field reads as the string X (`fillnull_value=null`
//     gives the string "null"). `_time span=1h` groups by the span's start
//     (epoch seconds, aligned in Options.Location; month, quarter and year
//     spans from a month's first day, time_span.go); _time without span
//     groups by the exact time [U: Splunk picks span=auto].
//   - output: one row per group, by-fields then aggregates; rows sorted
//     ascending by the by-fields, the first most significant; within a
//     field, numbers (numerically) before other strings (bytewise) [U:
//     spl_semantics.md §7 — pids sort numerically]. Without by, exactly one
//     row, also when nothing matched (count=0).
//   - prestats=t: the rows are in prestats form for stats, chart or
//     timechart to finish (tstats_prestats.go).
//   - append=t: the rows follow the current results, and tstats may then
//     stand anywhere (tstats_prestats.go).
//   - summariesonly, allow_old_summaries, chunk_size,
//     include_reduced_buckets, local: accepted, no effect.
type tstatsStage struct {
	loc     ast.Span
	dataset string
	where   *cond // nil: every row
	by      []byField
	aggs    []aggSpec
	fill    string
	hasFill bool
	fields  []string
	times   timeBounds // earliest=/latest= in where (search_time.go)
	// prestats=t: emit prestats rows (tstats_prestats.go); pre lists the
	// aggregates' input fields as written and as columns.
	prestats bool
	pre      []prestatsField
	appendTo bool // append=t
}

// byField is one resolved by-field.
type byField struct {
	col  string   // column name; fieldTime for _time; "" when it can never have a value
	span timeSpan // bins for _time (time_span.go); zero = exact
}

// cimModels are the data models of Splunk's Common Information Model: a
// dataset of one that package cim does not define yet is "unsupported",
// any other name "invalid".
var cimModels = []string{"Alerts", "Application_State", "Authentication", "Certificates", "Change", "Change_Analysis",
	"Compute_Inventory", "Data_Access", "Databases", "DLP", "Email", "Endpoint", "Event_Signatures",
	"Interprocess_Messaging", "Intrusion_Detection", "Inventory", "JVM", "Malware", "Network_Resolution",
	"Network_Sessions", "Network_Traffic", "Performance", "Risk", "Splunk_Audit", "Ticket_Management",
	"Updates", "Vulnerabilities", "Web"}

var tstatsBoolOptions = []string{"summariesonly", "allow_old_summaries", "prestats", "include_reduced_buckets", "local", "append"}

func compileTstats(c *ast.TstatsCommand, opts *Options, e *errs) stage {
	st := &tstatsStage{loc: c.Loc}
	nerr := len(e.list)
	for _, o := range c.Options {
		key := strings.ToLower(o.Key)
		v := o.Value.Value()
		switch {
		case slices.Contains(tstatsBoolOptions, key):
			b, ok := ParseBool(v)
			if !ok {
				e.addf(o.Loc, "tstats option %s: %q is not a boolean (true, false, t, f, 1, 0)", o.Key, v)
			}
			switch key {
			case "prestats":
				st.prestats = b
			case "append":
				st.appendTo = b
			}
		case key == "chunk_size":
			if n, err := strconv.ParseUint(v, 10, 64); err != nil || n == 0 {
				e.addf(o.Loc, "tstats option chunk_size: %q is not a positive integer", v)
			}
		case key == "fillnull_value":
			st.fill, st.hasFill = v, true
		default:
			e.addf(o.Loc, "unknown tstats option %q (known: %s, chunk_size, fillnull_value)", o.Key, strings.Join(tstatsBoolOptions, ", "))
		}
	}
	if c.Datamodel == "" {
		e.unsupported(c.Loc, "tstats without from datamodel= is not supported yet")
		return nil
	}
	ds, ok := cim.LookupDataset(c.Datamodel)
	if !ok {
		var known []string
		for _, d := range cim.Datasets() {
			known = append(known, d.FullName())
		}
		model, _, _ := strings.Cut(c.Datamodel, ".")
		if slices.Contains(cimModels, model) {
			e.unsupported(c.Loc, "data model dataset %q is not supported yet (known: %s)", c.Datamodel, strings.Join(known, ", "))
		} else {
			e.addf(c.Loc, "unknown data model dataset %q (known: %s)", c.Datamodel, strings.Join(known, ", "))
		}
		return nil
	}
	st.dataset = ds.FullName()
	prefix := ds.Name + "."
	resolve := func(name string) string {
		switch name {
		case fieldTime, "host", "source", "sourcetype", "index":
			return name
		}
		if rest, ok := strings.CutPrefix(name, prefix); ok && rest != "" {
			return rest
		}
		return "" // not a field of this dataset: always null
	}

	if c.Where != nil {
		env := &condEnv{
			field: func(name string, span ast.Span) (string, bool) {
				return resolve(name), true
			},
			timeMod: func(m *ast.SearchCompare) { st.times.add(m, opts, e) },
			special: func(cmp *ast.SearchCompare) (*cond, bool) {
				if cmp.Field == "nodename" {
					return nodenameCond(ds, cmp, e), true
				}
				return nil, false
			},
			term: func(t *ast.SearchTerm) *cond {
				e.addf(t.Loc, "bare search term %s in tstats where: data models have no _raw to search; use field=value", t.Value.String())
				return nil
			},
			termFuncs: true,
			errs:      e,
		}
		if cd := compileCond(c.Where, env); cd != nil && cd.op != condAll && cd.op != condHoisted {
			st.where = cd
		}
	}

	var span timeSpan
	if c.BySpan != "" {
		s, err := parseTimeSpan(c.BySpan)
		if err != nil {
			e.addf(c.Loc, "tstats span=%s: %v", c.BySpan, err)
		}
		span = s
		if !slices.ContainsFunc(c.By, func(f string) bool { return resolve(f) == fieldTime }) {
			e.addf(c.Loc, "tstats span=%s needs _time in the by clause", c.BySpan)
		}
	}
	for _, f := range c.By {
		if strings.Contains(f, "*") {
			e.addf(c.Loc, "tstats by field %q: wildcards are not allowed in by fields", f)
			continue
		}
		bf := byField{col: resolve(f)}
		if bf.col == fieldTime {
			bf.span = span
		}
		st.by = append(st.by, bf)
		st.fields = append(st.fields, f)
	}
	if len(c.Aggregates) == 0 {
		e.addf(c.Loc, "tstats needs at least one aggregate function (count, min(_time), ...)")
	}
	for _, a := range c.Aggregates {
		spec, ok := compileAgg(a, resolve, e)
		if !ok {
			continue
		}
		st.aggs = append(st.aggs, spec)
		st.fields = append(st.fields, a.Name())
		st.addPrestatsField(a.Field, spec.col)
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

// ParseBool reads Splunk's boolean option values (true, t, 1, yes, y and
// their opposites, any case); ok is false for anything else.
func ParseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true", "t", "1", "yes", "y":
		return true, true
	case "false", "f", "0", "no", "n":
		return false, true
	}
	return false, false
}

// ParseSpan reads the durations of streamstats' time_window and
// transaction's maxspan/maxpause, and the fixed-width spans the SQL back
// end accepts (tstats, bin and timechart read spans
// with parseTimeSpan, time_span.go): an integer and a unit of seconds,
// minutes, hours or days (s, sec, secs, second, seconds, m, min, ...,
// h, hr, hrs, hour, hours, d, day, days). Months and sub-second spans are
// not supported.
func ParseSpan(s string) (float64, error) {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	n := 1
	if i > 0 {
		v, err := strconv.Atoi(s[:i])
		if err != nil || v <= 0 {
			return 0, fmt.Errorf("the count must be a positive integer")
		}
		n = v
	}
	var unit float64
	switch strings.ToLower(s[i:]) {
	case "s", "sec", "secs", "second", "seconds":
		unit = 1
	case "m", "min", "mins", "minute", "minutes":
		unit = 60
	case "h", "hr", "hrs", "hour", "hours":
		unit = 3600
	case "d", "day", "days":
		unit = 86400
	case "":
		return 0, fmt.Errorf("missing unit (s, m, h, d)")
	default:
		return 0, fmt.Errorf("unit %q is not supported (s, m, h, d)", s[i:])
	}
	return float64(n) * unit, nil
}

// group-key encoding: 4 bytes per dictionary field (the code), 8 per _time
// field (the bin's float64 bits).
func (st *tstatsStage) name() string   { return "tstats" }
func (st *tstatsStage) span() ast.Span { return st.loc }

func (st *tstatsStage) run(ctx context.Context, env *runEnv, _ *rowSet) (*rowSet, int, error) {
	t := env.tables[st.dataset]
	if t == nil {
		t = cim.NewBuilder(st.dataset).Table()
	}
	n := t.Len()
	read := t.RowsRead() // rows in: with those the loader left out (cim.Table.Omitted)
	mask := allRows(n)
	if st.where != nil {
		s := &scanner{ctx: ctx, t: t}
		mask = s.eval(st.where, mask)
		if s.err != nil {
			return nil, 0, s.err
		}
	}
	if st.times.active() {
		times := t.Times()
		for wi, w := range mask {
			for w != 0 {
				j := bits.TrailingZeros64(w)
				w &= w - 1
				if row := wi*64 + j; row >= len(times) || !st.times.contains(times[row]) {
					mask[wi] &^= 1 << j
				}
			}
		}
	}
	if st.prestats {
		out, err := st.prestatsRows(ctx, env, t, mask)
		return out, read, err
	}
	g, err := st.group(ctx, env, t, mask)
	if err != nil {
		return nil, 0, err
	}
	return g.output(st), read, nil
}

// keyCol is a by-field bound to a table.
type keyCol struct {
	codes    []uint32 // nil for _time or a field no row has
	dict     []string
	times    []float64 // _time
	span     timeSpan
	fillCode uint32 // code null reads as under fillnull_value (0: the fill string itself)
	fillSet  bool
}

// grouping is the result of grouping: per group, its key parts and its
// aggregate states.
type grouping struct {
	keys  []keyCol
	parts []uint64 // len(keys) per group: a code, or a bin's float64 bits
	aggs  []aggregator
	n     int
	fill  string
}

func (st *tstatsStage) group(ctx context.Context, env *runEnv, t *cim.Table, mask bitmap) (*grouping, error) {
	g := &grouping{fill: st.fill}
	for _, b := range st.by {
		k := keyCol{span: b.span}
		switch {
		case b.col == fieldTime:
			k.times = t.Times()
		case b.col != "":
			if c := t.Column(b.col); c != nil {
				k.codes, k.dict = c.Codes, c.Dict
			}
		}
		g.keys = append(g.keys, k)
	}
	for _, a := range st.aggs {
		g.aggs = append(g.aggs, a.bind(t))
	}
	if len(g.keys) == 0 {
		g.newGroup(nil)
	}
	index := map[string]int{}
	key := make([]byte, 0, 8*len(g.keys))
	part := make([]uint64, len(g.keys))
	checked := 0
	for wi, w := range mask {
		if checked++; checked == 1024 {
			checked = 0
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	bitsLoop:
		for w != 0 {
			j := bits.TrailingZeros64(w)
			w &= w - 1
			row := wi*64 + j
			gi := 0
			if len(g.keys) > 0 {
				key = key[:0]
				for i := range g.keys {
					k := &g.keys[i]
					if k.times != nil {
						p := math.Float64bits(k.span.floor(k.times[row], env.loc))
						part[i] = p
						key = binary.LittleEndian.AppendUint64(key, p)
						continue
					}
					var code uint32
					if k.codes != nil {
						code = k.codes[row]
					}
					if code == 0 {
						if !st.hasFill {
							continue bitsLoop
						}
						code = k.fillFor(st.fill)
					}
					part[i] = uint64(code)
					key = binary.LittleEndian.AppendUint32(key, code)
				}
				var ok bool
				gi, ok = index[string(key)]
				if !ok {
					if g.n >= env.maxRows {
						return nil, limitAt(st.loc, "tstats produced more than the limit of %d rows", env.maxRows)
					}
					gi = g.newGroup(part)
					index[string(key)] = gi
				}
			}
			for _, a := range g.aggs {
				a.add(gi, row)
			}
		}
	}
	return g, nil
}

// fillFor returns the code a null value of k groups under: the code of the
// fill string when the column has that value (so "null" filled and a real
// "null" are one group), else 0, which output renders as the fill string.
func (k *keyCol) fillFor(fill string) uint32 {
	if !k.fillSet {
		k.fillSet = true
		for c := 1; c < len(k.dict); c++ {
			if k.dict[c] == fill {
				k.fillCode = uint32(c)
				break
			}
		}
	}
	return k.fillCode
}

func (g *grouping) newGroup(part []uint64) int {
	g.parts = append(g.parts, part...)
	for _, a := range g.aggs {
		a.grow()
	}
	g.n++
	return g.n - 1
}

// binTime returns the start of the span-wide bin holding t, aligned to
// midnight in loc (for UTC simply a multiple of span).
func binTime(t, span float64, loc *time.Location) float64 {
	if span <= 0 {
		return t
	}
	off := 0.0
	if loc != time.UTC {
		_, o := time.Unix(int64(math.Floor(t)), 0).In(loc).Zone()
		off = float64(o)
	}
	return math.Floor((t+off)/span)*span - off
}

// output materialises the groups as rows, sorted by the by-fields.
func (g *grouping) output(st *tstatsStage) *rowSet {
	nk := len(g.keys)
	type keyVal struct {
		s     string
		f     float64
		isNum bool
	}
	vals := make([]keyVal, g.n*nk)
	for gi := 0; gi < g.n; gi++ {
		for i := range g.keys {
			k := &g.keys[i]
			p := g.parts[gi*nk+i]
			kv := &vals[gi*nk+i]
			if k.times != nil {
				kv.f, kv.isNum = math.Float64frombits(p), true
				continue
			}
			if p == 0 {
				kv.s = g.fill
			} else {
				kv.s = k.dict[p]
			}
			kv.f, kv.isNum = parseNumber(kv.s)
		}
	}
	order := make([]int, g.n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		for i := 0; i < nk; i++ {
			x, y := &vals[a*nk+i], &vals[b*nk+i]
			if c := collate(x.s, x.f, x.isNum, y.s, y.f, y.isNum); c != 0 {
				return c
			}
		}
		return 0
	})
	out := &rowSet{fields: st.fields, rows: make([]Row, 0, g.n)}
	for _, gi := range order {
		r := make(Row, 0, nk+len(g.aggs))
		for i := range g.keys {
			kv := &vals[gi*nk+i]
			if g.keys[i].times != nil {
				r = append(r, Num(kv.f))
			} else {
				r = append(r, Str(kv.s))
			}
		}
		for _, a := range g.aggs {
			r = append(r, a.result(gi))
		}
		out.rows = append(out.rows, r)
	}
	return out
}

// collate orders two values for output: numbers numerically, before all
// other strings, which compare bytewise [U, spl_semantics.md §7].
func collate(as string, af float64, an bool, bs string, bf float64, bn bool) int {
	switch {
	case an && bn:
		switch {
		case af < bf:
			return -1
		case af > bf:
			return 1
		}
		return strings.Compare(as, bs)
	case an:
		return -1
	case bn:
		return 1
	}
	return strings.Compare(as, bs)
}
func (*tstatsStage) generates() {}
