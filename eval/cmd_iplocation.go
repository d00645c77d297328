package eval

import (
	"context"
	"net/netip"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
)

// GeoLocator answers iplocation: the location of an address. ok is false
// when the database has no record for it. Package geoip opens a MaxMind
// City database as a GeoLocator.
type GeoLocator interface {
	Locate(ip netip.Addr, lang string) (loc GeoInfo, ok bool, err error)
}

// GeoInfo is what iplocation adds. Empty strings and HasLatLon false mean
// the database does not say.
type GeoInfo struct {
	City, Country, Region string
	Continent, Timezone   string
	MetroCode             string
	Lat, Lon              float64
	HasLatLon             bool
}

// iplocationStage is `iplocation [prefix=p] [allfields=bool] [lang=l]
// field` [D S-iplocation]: adds City, Country, Region, lat and lon (with
// allfields=true also Continent, MetroCode, Timezone), each named with the
// prefix, for the IP address in field. Splunk ships a GeoLite2 City
// database; spelunk asks Options.GeoLocator (package geoip reads a MaxMind
// City database). Addresses the database does not know (private ranges)
// and values that are not IP addresses get no fields [I: Splunk leaves
// them empty]; fields the record lacks stay null. The first value of a
// multivalue field is used.
type iplocationStage struct {
	loc       ast.Span
	field     string
	prefix    string
	allfields bool
	lang      string
	locator   GeoLocator
}

func compileIplocation(c *ast.IplocationCommand, opts *Options, e *errs) stage {
	st := &iplocationStage{loc: c.Loc, field: c.Field, lang: "en", locator: opts.GeoLocator}
	for _, o := range c.Options {
		v := o.Value.Value()
		switch strings.ToLower(o.Key) {
		case "prefix":
			st.prefix = v
		case "allfields":
			b, ok := ParseBool(v)
			if !ok {
				e.addf(o.Loc, "iplocation allfields=%s: not a boolean", v)
				return nil
			}
			st.allfields = b
		case "lang":
			st.lang = v
		default:
			e.addf(o.Loc, "unknown iplocation option %q (known: prefix, allfields, lang)", o.Key)
			return nil
		}
	}
	if st.locator == nil {
		// Known at compile time, so check and detect say it before any
		// data is read.
		e.add(&Error{Span: c.Loc, Code: diag.CodeRefused, Msg: "iplocation needs a GeoIP database: --geoip FILE (a MaxMind GeoLite2-City .mmdb)"})
		return nil
	}
	return st
}

func (s *iplocationStage) name() string   { return "iplocation" }
func (s *iplocationStage) span() ast.Span { return s.loc }

func (s *iplocationStage) run(ctx context.Context, _ *runEnv, in *rowSet) (*rowSet, int, error) {
	g := s.locator
	names := []string{"City", "Country", "Region", "lat", "lon"}
	if s.allfields {
		names = append(names, "Continent", "MetroCode", "Timezone")
	}
	for i := range names {
		names[i] = s.prefix + names[i]
	}
	out := &rowSet{fields: in.fields, rows: in.rows}
	src := out.col(s.field)
	cols := out.addFields(names...)
	if src < 0 {
		return out, len(in.rows), nil
	}
	for n, row := range out.rows {
		if n&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
		vals := row[src].Strings()
		if len(vals) == 0 {
			continue
		}
		ip, err := netip.ParseAddr(strings.TrimSpace(vals[0]))
		if err != nil {
			continue
		}
		info, ok, err := g.Locate(ip.Unmap(), s.lang)
		if err != nil {
			return nil, 0, errAt(s.loc, "iplocation %s: %v", vals[0], err)
		}
		if !ok {
			continue
		}
		set := func(i int, v string) {
			if v != "" {
				row[cols[i]] = Str(v)
			}
		}
		set(0, info.City)
		set(1, info.Country)
		set(2, info.Region)
		if info.HasLatLon {
			row[cols[3]], row[cols[4]] = Num(info.Lat), Num(info.Lon)
		}
		if s.allfields {
			set(5, info.Continent)
			set(6, info.MetroCode)
			set(7, info.Timezone)
		}
	}
	return out, len(in.rows), nil
}
