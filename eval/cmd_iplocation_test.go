package eval

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

type fakeGeo map[string]GeoInfo

func (f fakeGeo) Locate(ip netip.Addr, _ string) (GeoInfo, bool, error) {
	g, ok := f[ip.String()]
	return g, ok, nil
}

func TestIplocationFakeLocator(t *testing.T) {
	geo := fakeGeo{"1.2.3.4": {City: "Paris", Country: "France", Region: "Île-de-France", Lat: 48.85, Lon: 2.35, HasLatLon: true, Timezone: "Europe/Paris"}}
	recs := []Record{{{"ip", Str("1.2.3.4")}}, {{"ip", Str("10.0.0.1")}}, {{"ip", Str("nope")}}}
	res, err := compileRun(t, `| iplocation prefix=g_ allfields=true ip`, Options{GeoLocator: geo}, recs)
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]Value{
		{"ip": Str("1.2.3.4"), "g_City": Str("Paris"), "g_Country": Str("France"), "g_Region": Str("Île-de-France"),
			"g_lat": Num(48.85), "g_lon": Num(2.35), "g_Timezone": Str("Europe/Paris")},
		{"ip": Str("10.0.0.1")}, {"ip": Str("nope")},
	}
	if d := diff(want, records(res.Fields, res.Rows)); d != "" {
		t.Fatal(d)
	}
	_, err = compileRun(t, `| iplocation ip`, Options{}, recs)
	var ee *Error
	if !errors.As(err, &ee) || !strings.Contains(ee.Msg, "iplocation needs a GeoIP database: --geoip FILE") {
		t.Fatalf("without a database: %v", err)
	}
}

// geostats places results by the lat and lon iplocation adds (S-geostats
// "Use the iplocation command to get the latitude and longitude").
func TestGeostatsAfterIplocation(t *testing.T) {
	geo := fakeGeo{
		"1.2.3.4": {City: "Paris", Country: "France", Lat: 48.85, Lon: 2.5, HasLatLon: true},
		"5.6.7.8": {City: "Lyon", Country: "France", Lat: 45.75, Lon: 4.5, HasLatLon: true},
	}
	recs := []Record{{{"ip", Str("1.2.3.4")}}, {{"ip", Str("5.6.7.8")}}, {{"ip", Str("10.0.0.1")}}}
	res, err := compileRun(t, `| iplocation ip | geostats maxzoomlevel=0 count by City`, Options{GeoLocator: geo}, recs)
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]Value{{"geobin": Str("bin_id_zl_0_y_6_x_4"), "latitude": Num(47.3), "longitude": Num(3.5),
		"Lyon": Num(1), "Paris": Num(1)}}
	if d := diff(want, records(res.Fields, res.Rows)); d != "" {
		t.Fatal(d)
	}
}
