package eval

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/parser"
)

func compileRun(t *testing.T, query string, opts Options, recs []Record) (*Result, error) {
	t.Helper()
	q, err := parser.Parse(query)
	if err != nil {
		t.Fatalf("parse %q: %v", query, err)
	}
	opts.Now = time.Unix(1700000000, 0)
	p, err := Compile(q, opts)
	if err != nil {
		return nil, err
	}
	return p.RunRecords(context.Background(), recs)
}

func TestOutputlookupWritesOnlyInOutputDir(t *testing.T) {
	dir := t.TempDir()
	recs := []Record{
		{{"user", Str("a")}, {"n", Num(1)}, {"_raw", Str("x")}, {"_time", Num(5)}},
		{{"user", Str("b")}, {"tags", Multi("p", "q")}},
	}
	res, err := compileRun(t, `| outputlookup "out file.csv"`, Options{OutputDir: dir}, recs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 {
		t.Fatalf("outputlookup must pass rows on, got %d", len(res.Rows))
	}
	data, err := os.ReadFile(filepath.Join(dir, "out_file.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := "user,n,_time,tags\na,1,5,\nb,,,\"p\nq\"\n"
	if string(data) != want {
		t.Fatalf("file:\n%q\nwant\n%q", data, want)
	}
	// append merges columns
	if _, err := compileRun(t, `| eval extra="e" | outputlookup append=t out_file.csv`, Options{OutputDir: dir}, recs[:1]); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(filepath.Join(dir, "out_file.csv"))
	if !strings.HasPrefix(string(data), "user,n,_time,tags,extra\n") || !strings.HasSuffix(string(data), "a,1,5,,e\n") {
		t.Fatalf("append:\n%s", data)
	}
	for _, q := range []string{`| outputlookup "../x.csv"`, `| outputlookup ".hidden"`, `| outputlookup "a\\b"`, `| outputlookup x.csv.gz`} {
		if _, err := compileRun(t, q, Options{OutputDir: dir}, recs); err == nil {
			t.Errorf("%s: want an error", q)
		}
	}
	// a symlink planted in the output dir is not followed
	outside := filepath.Join(t.TempDir(), "victim.csv")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.csv")); err == nil {
		if _, err := compileRun(t, `| outputlookup link.csv`, Options{OutputDir: dir}, recs); err == nil {
			t.Error("outputlookup followed a symlink")
		}
		if b, _ := os.ReadFile(outside); string(b) != "keep" {
			t.Error("the file outside the output dir was changed")
		}
	}
	_, err = compileRun(t, `| outputlookup x.csv`, Options{}, recs)
	var ee *Error
	if !errors.As(err, &ee) || ee.Class() != CodeRefused || !strings.Contains(ee.Msg, "--output-dir") {
		t.Fatalf("without OutputDir: %v", err)
	}
}

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

func TestIplocationMaxMindFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "city.mmdb")
	if err := os.WriteFile(path, tinyCityMMDB(netip.MustParsePrefix("81.2.69.0/24")), 0o644); err != nil {
		t.Fatal(err)
	}
	recs := []Record{{{"ip", Str("81.2.69.160")}}, {{"ip", Str("8.8.8.8")}}}
	res, err := compileRun(t, `| iplocation ip`, Options{GeoIP: path}, recs)
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]Value{
		{"ip": Str("81.2.69.160"), "City": Str("London"), "Country": Str("United Kingdom"), "Region": Str("England"), "lat": Num(51.5), "lon": Num(-0.1)},
		{"ip": Str("8.8.8.8")},
	}
	if d := diff(want, records(res.Fields, res.Rows)); d != "" {
		t.Fatal(d)
	}
	if _, err := compileRun(t, `| iplocation ip`, Options{GeoIP: filepath.Join(t.TempDir(), "none.mmdb")}, recs); err == nil {
		t.Fatal("a missing database must be an error")
	}
}

// tinyCityMMDB writes a MaxMind DB (format 2.0, IPv4, 24-bit records)
// with one network holding a GeoIP2-City-like record.
func tinyCityMMDB(net netip.Prefix) []byte {
	var data bytes.Buffer
	names := func(s string) map[string]any { return map[string]any{"names": map[string]any{"en": s}} }
	mmdbEncode(&data, map[string]any{
		"city":         names("London"),
		"country":      names("United Kingdom"),
		"subdivisions": []any{names("England")},
		"location":     map[string]any{"latitude": 51.5, "longitude": -0.1},
	})
	bits := net.Bits()
	nodeCount := bits // a chain of one node per prefix bit
	a := net.Addr().As4()
	ip := binary.BigEndian.Uint32(a[:])
	var tree bytes.Buffer
	rec := func(v int) { tree.Write([]byte{byte(v >> 16), byte(v >> 8), byte(v)}) }
	for i := range bits {
		next := i + 1
		if i == bits-1 {
			next = nodeCount + 16 // data section offset 0
		}
		if ip>>(31-uint(i))&1 == 0 {
			rec(next)
			rec(nodeCount)
		} else {
			rec(nodeCount)
			rec(next)
		}
	}
	var out bytes.Buffer
	out.Write(tree.Bytes())
	out.Write(make([]byte, 16))
	out.Write(data.Bytes())
	out.WriteString("\xab\xcd\xefMaxMind.com")
	mmdbEncode(&out, map[string]any{
		"node_count": uint32(nodeCount), "record_size": uint16(24), "ip_version": uint16(4),
		"database_type": "GeoIP2-City", "languages": []any{"en"},
		"binary_format_major_version": uint16(2), "binary_format_minor_version": uint16(0),
		"build_epoch": uint64(1700000000), "description": map[string]any{"en": "spelunk test"},
	})
	return out.Bytes()
}

// mmdbEncode writes v in the MaxMind DB data format.
func mmdbEncode(b *bytes.Buffer, v any) {
	ctrl := func(typ, size int) {
		if typ <= 7 {
			b.WriteByte(byte(typ<<5 | size))
		} else {
			b.WriteByte(byte(size))
			b.WriteByte(byte(typ - 7))
		}
	}
	putUint := func(typ int, n uint64, width int) {
		var buf [8]byte
		binary.BigEndian.PutUint64(buf[:], n)
		bs := bytes.TrimLeft(buf[8-width:], "\x00")
		ctrl(typ, len(bs))
		b.Write(bs)
	}
	switch v := v.(type) {
	case string:
		ctrl(2, len(v))
		b.WriteString(v)
	case float64:
		ctrl(3, 8)
		var buf [8]byte
		binary.BigEndian.PutUint64(buf[:], math.Float64bits(v))
		b.Write(buf[:])
	case uint16:
		putUint(5, uint64(v), 2)
	case uint32:
		putUint(6, uint64(v), 4)
	case uint64:
		putUint(9, v, 8)
	case map[string]any:
		ctrl(7, len(v))
		for k, x := range v {
			mmdbEncode(b, k)
			mmdbEncode(b, x)
		}
	case []any:
		ctrl(11, len(v))
		for _, x := range v {
			mmdbEncode(b, x)
		}
	default:
		panic("mmdbEncode: unsupported type")
	}
}
