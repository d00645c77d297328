// Package geoip reads MaxMind City databases (GeoLite2-City.mmdb,
// GeoIP2-City.mmdb or any database with the same record layout) for SPL's
// iplocation command: a *DB is an eval.GeoLocator, given to the evaluator
// as eval.Options.GeoLocator.
package geoip

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/oschwald/maxminddb-golang/v2"
	"github.com/spelunk-dev/spelunk/eval"
)

// DB is an open MaxMind City database. It is safe for concurrent use.
type DB struct{ r *maxminddb.Reader }

var _ eval.GeoLocator = (*DB)(nil)

// Open opens the MaxMind database at path. The error names the path. Close
// the DB when done.
func Open(path string) (*DB, error) {
	r, err := maxminddb.Open(path)
	if err != nil {
		return nil, fmt.Errorf("GeoIP database %s: %w", path, err)
	}
	return &DB{r: r}, nil
}

// Close releases the database. A nil or zero DB (not from Open) is an
// error.
func (d *DB) Close() error {
	if d == nil || d.r == nil {
		return errors.New("geoip: nil DB")
	}
	return d.r.Close()
}

// Locate implements eval.GeoLocator: the city, country, first subdivision
// (region) and continent named in lang (English when the record has no
// name in lang), the time zone, metro code and coordinates of ip. ok is
// false when the database has no record for ip.
func (d *DB) Locate(ip netip.Addr, lang string) (eval.GeoInfo, bool, error) {
	if d == nil || d.r == nil {
		return eval.GeoInfo{}, false, errors.New("geoip: nil DB")
	}
	res := d.r.Lookup(ip)
	if err := res.Err(); err != nil {
		return eval.GeoInfo{}, false, err
	}
	if !res.Found() {
		return eval.GeoInfo{}, false, nil
	}
	var rec cityRecord
	if err := res.Decode(&rec); err != nil {
		return eval.GeoInfo{}, false, err
	}
	g := eval.GeoInfo{
		City: rec.City.in(lang), Country: rec.Country.in(lang), Continent: rec.Continent.in(lang),
		Timezone: rec.Location.TimeZone,
	}
	if len(rec.Subdivisions) > 0 {
		g.Region = rec.Subdivisions[0].in(lang)
	}
	if rec.Location.MetroCode != 0 {
		g.MetroCode = fmt.Sprint(rec.Location.MetroCode)
	}
	if rec.Location.Latitude != nil && rec.Location.Longitude != nil {
		g.Lat, g.Lon, g.HasLatLon = *rec.Location.Latitude, *rec.Location.Longitude, true
	}
	return g, true, nil
}
