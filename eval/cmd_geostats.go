package eval

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
)

// geostatsStage is `geostats [translatetoxy=] [latfield=] [longfield=]
// [globallimit=] [locallimit=] [outputlatfield=] [outputlongfield=]
// [binspanlat= binspanlong=] [maxzoomlevel=] aggregates [by field]` [D
// S-geostats: "generates statistics which are clustered into geographical
// bins"; "the geostats command generates clustered statistics at a variety
// of zoom levels in one search"; "At each level of zoom, the number of bins
// is doubled in both dimensions"; defaults latfield=lat, longfield=lon,
// outputlatfield=latitude, outputlongfield=longitude, binspanlat=22.5,
// binspanlong=45.0, maxzoomlevel=9, globallimit=10, locallimit=10,
// translatetoxy=true]:
//
//   - every result with a numeric latitude in [-90, 90] and longitude in
//     [-180, 180] falls into one bin at each zoom level z = 0 ..
//     maxzoomlevel, whose spans are binspanlat/2^z by binspanlong/2^z
//     degrees; others are left out [I];
//   - the bin's id is geobin = bin_id_zl_<z>_y_<y>_x_<x> [D: the zoom
//     level; the Search Reference shows no formula for y and x], with y =
//     floor((lat+90)/span_lat) and x = floor((lon+180)/span_long), counted
//     from the south-west corner; lat 90 and lon 180 fall into the last bin
//     [U];
//   - one row per bin (zoom level, then y, then x ascending [U]) with
//     geobin, the placed latitude and longitude, then the aggregates as
//     stats gives them; the placed position is the mean latitude and mean
//     longitude of the results in the bin, each result weighing one [U:
//     the documentation does not say where a bin is drawn; Splunk's map
//     draws it where its results are, not at the bin's centre];
//   - with `by Y` and translatetoxy=true, one column per value of Y as
//     chart gives them (several aggregates: "<agg>: <value>"); the
//     globallimit (0: all) values with the largest sum over all bins are
//     kept, the rest summed into OTHER [D "There is one additional
//     category called OTHER under which all other split-by values are
//     grouped"; the ranking as chart's, I]; empty cells are 0 for count
//     and dc, null otherwise; results without Y are left out [U];
//   - locallimit=N (0: none) then keeps in each bin the N series with the
//     largest values and adds the others into that bin's OTHER [U: "the
//     top N values are filtered based on the sum of each series"];
//   - translatetoxy=false gives one row per bin and value of Y instead
//     (geobin, latitude, longitude, Y, aggregates) [D "one result per
//     category ... per locationally binned location"].
type geostatsStage struct {
	loc                     ast.Span
	latField, lonField      string
	outLat, outLon          string
	spanLat, spanLon        float64
	maxZoom                 int
	globalLimit, localLimit int
	translate               bool
	by                      string
	stats                   *statsStage
}

// gsBin is the internal column geostats groups its stats by.
const gsBin = "\x00geostats_bin"

// geostatsMaxZoom bounds maxzoomlevel: each level multiplies the bins by
// four, and 2^z must stay exact [U: Splunk's bound is not documented].
const geostatsMaxZoom = 30

func compileGeostats(c *ast.StatsCommand, opts *Options, e *errs) stage {
	st := &geostatsStage{loc: c.Loc, latField: "lat", lonField: "lon", outLat: "latitude", outLon: "longitude",
		spanLat: 22.5, spanLon: 45.0, maxZoom: 9, globalLimit: 10, localLimit: 10, translate: true}
	nerr := len(e.list)
	span := func(o ast.Option) float64 {
		f, ok := parseNumber(strings.TrimSpace(o.Value.Value()))
		if !ok || !(f > 0) || math.IsInf(f, 0) {
			e.addf(o.Loc, "geostats option %s: %q is not a positive number", o.Key, o.Value.Value())
		}
		return f
	}
	for _, o := range c.Options {
		switch strings.ToLower(o.Key) {
		case "translatetoxy":
			st.translate, _ = boolOption(o, "geostats", e)
		case "latfield":
			st.latField = o.Value.Value()
		case "longfield":
			st.lonField = o.Value.Value()
		case "outputlatfield":
			st.outLat = o.Value.Value()
		case "outputlongfield":
			st.outLon = o.Value.Value()
		case "binspanlat":
			st.spanLat = span(o)
		case "binspanlong":
			st.spanLon = span(o)
		case "maxzoomlevel":
			if n, ok := intOption(o, "geostats", e); ok {
				if n < 0 || n > geostatsMaxZoom {
					e.addf(o.Loc, "geostats maxzoomlevel must be between 0 and %d", geostatsMaxZoom)
				}
				st.maxZoom = n
			}
		case "globallimit", "locallimit":
			n, ok := intOption(o, "geostats", e)
			if ok && n < 0 {
				e.addf(o.Loc, "geostats option %s must not be negative", o.Key)
			}
			if strings.EqualFold(o.Key, "globallimit") {
				st.globalLimit = n
			} else {
				st.localLimit = n
			}
		default:
			e.addf(o.Loc, "unknown geostats option %q", o.Key)
		}
	}
	by := []string{gsBin}
	switch len(c.By) {
	case 0:
	case 1:
		st.by = c.By[0]
		by = append(by, chCol)
	default:
		e.addf(c.Loc, "geostats takes one by field, not %d", len(c.By))
	}
	if sst, ok := compileStats(&ast.StatsCommand{Loc: c.Loc, Name: "geostats", Aggregates: c.Aggregates, By: by}, opts, e).(*statsStage); ok {
		st.stats = sst
	}
	if len(e.list) > nerr {
		return nil
	}
	return st
}

func (s *geostatsStage) name() string   { return "geostats" }
func (s *geostatsStage) span() ast.Span { return s.loc }

// geoBin is one bin of one zoom level and the sums placing it.
type geoBin struct {
	z, y, x        int
	sumLat, sumLon float64
	n              float64
}

// binOf returns the bin index of v in [lo, lo+n*span]: the last bin holds
// the upper edge.
func binOf(v, lo, span float64, n int) int {
	i := int(math.Floor((v - lo) / span))
	return min(max(i, 0), n-1)
}

func (s *geostatsStage) run(ctx context.Context, env *runEnv, in *rowSet) (*rowSet, int, error) {
	nIn := len(in.rows)
	latC, lonC, byC := in.col(s.latField), in.col(s.lonField), -1
	if s.by != "" {
		byC = in.col(s.by)
	}
	fields := append(slices.Clone(in.fields), gsBin)
	if s.by != "" {
		fields = append(fields, chCol)
	}
	ex := &rowSet{fields: fields}
	bins := map[string]*geoBin{}
	t := &ticker{ctx: ctx}
	levels := s.maxZoom + 1
	for _, r := range in.rows {
		lat, ok1 := toNum(first(get(r, latC)))
		lon, ok2 := toNum(first(get(r, lonC)))
		if !ok1 || !ok2 || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			continue
		}
		for z := range levels {
			if err := t.tick(); err != nil {
				return nil, 0, err
			}
			scale := math.Ldexp(1, z)
			sl, sg := s.spanLat/scale, s.spanLon/scale
			ny := max(1, int(math.Ceil(180/sl)))
			nx := max(1, int(math.Ceil(360/sg)))
			y, x := binOf(lat, -90, sl, ny), binOf(lon, -180, sg, nx)
			id := "bin_id_zl_" + strconv.Itoa(z) + "_y_" + strconv.Itoa(y) + "_x_" + strconv.Itoa(x)
			b := bins[id]
			if b == nil {
				b = &geoBin{z: z, y: y, x: x}
				bins[id] = b
			}
			b.sumLat += lat
			b.sumLon += lon
			b.n++
			nr := make(Row, len(fields))
			copy(nr, r)
			nr[len(in.fields)] = Str(id)
			if byC >= 0 {
				nr[len(in.fields)+1] = get(r, byC)
			}
			ex.rows = append(ex.rows, nr)
		}
	}
	sp := s.stats.spec.forInput(env, ex)
	st, _, err := s.stats.run(ctx, env, ex)
	if err != nil {
		return nil, 0, err
	}
	var out *rowSet
	switch {
	case s.by != "" && s.translate:
		series := defaultSeriesOptions()
		series.limit, series.usenull = s.globalLimit, false
		ch := &chartStage{rowField: "geobin", colField: s.by, seriesOptions: series, sep: ": "}
		out = ch.pivot(st, sp)
		if s.localLimit > 0 {
			s.applyLocalLimit(out, sp)
		}
	default:
		out = st
		for i, f := range out.fields {
			switch f {
			case gsBin:
				out.fields[i] = "geobin"
			case chCol:
				out.fields[i] = s.by
			}
		}
		out.idx = nil
	}
	// geobin, latitude, longitude, then the rest; rows by zoom, y, x.
	fields = append([]string{out.fields[0], s.outLat, s.outLon}, out.fields[1:]...)
	for i, r := range out.rows {
		b := bins[r[0].String()]
		nr := make(Row, 0, len(fields))
		nr = append(nr, r[0])
		if b != nil {
			nr = append(nr, Num(b.sumLat/b.n), Num(b.sumLon/b.n))
		} else {
			nr = append(nr, Null(), Null())
		}
		out.rows[i] = append(nr, r[1:]...)
	}
	out.fields, out.idx = fields, nil
	err = sortStable(ctx, out.rows, func(a, b Row) int {
		ba, bb := bins[a[0].String()], bins[b[0].String()]
		if ba == nil || bb == nil {
			return 0
		}
		return cmp.Or(cmp.Compare(ba.z, bb.z), cmp.Compare(ba.y, bb.y), cmp.Compare(ba.x, bb.x))
	})
	if err != nil {
		return nil, 0, err
	}
	dedupFields(out)
	return out, nIn, nil
}
