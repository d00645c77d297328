package geoip

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/parser"
)

func TestIplocationOverDB(t *testing.T) {
	path := filepath.Join(t.TempDir(), "city.mmdb")
	if err := os.WriteFile(path, tinyCityMMDB(netip.MustParsePrefix("81.2.69.0/24")), 0o644); err != nil {
		t.Fatal(err)
	}
	recs := []eval.Record{{{Name: "ip", Value: eval.Str("81.2.69.160")}}, {{Name: "ip", Value: eval.Str("8.8.8.8")}}}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q, err := parser.Parse(`| iplocation ip`)
	if err != nil {
		t.Fatal(err)
	}
	p, err := eval.Compile(q, eval.Options{GeoLocator: db})
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Exec(context.Background(), eval.Input{Records: recs})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"ip=81.2.69.160", "City=London", "Country=United Kingdom", "Region=England", "lat=51.5", "lon=-0.1"},
		{"ip=8.8.8.8"},
	}
	var got [][]string
	for _, row := range res.Rows {
		var fields []string
		for i, v := range row {
			if !v.IsNull() {
				fields = append(fields, res.Fields[i]+"="+v.String())
			}
		}
		got = append(got, fields)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestLocateLanguages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "city.mmdb")
	if err := os.WriteFile(path, tinyCityMMDB(netip.MustParsePrefix("81.2.69.0/24")), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	g, ok, err := db.Locate(netip.MustParseAddr("81.2.69.1"), "fr")
	want := eval.GeoInfo{City: "Londres", Country: "United Kingdom", Region: "England", Lat: 51.5, Lon: -0.1, HasLatLon: true}
	if err != nil || !ok || g != want {
		t.Errorf("Locate fr = %+v, %v, %v; want %+v", g, ok, err, want)
	}
	if _, ok, err := db.Locate(netip.MustParseAddr("10.0.0.1"), "en"); ok || err != nil {
		t.Errorf("a private address: ok %v, err %v", ok, err)
	}
}

func TestOpenErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.mmdb")
	if _, err := Open(missing); err == nil || !strings.Contains(err.Error(), "GeoIP database "+missing) {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.mmdb")
	if err := os.WriteFile(bad, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(bad); err == nil {
		t.Error("a file that is not a MaxMind database must be an error")
	}
}

// tinyCityMMDB writes a MaxMind DB (format 2.0, IPv4, 24-bit records)
// with one network holding a GeoIP2-City-like record.
func tinyCityMMDB(net netip.Prefix) []byte {
	var data bytes.Buffer
	names := func(s string) map[string]any { return map[string]any{"names": map[string]any{"en": s}} }
	mmdbEncode(&data, map[string]any{
		"city":         map[string]any{"names": map[string]any{"en": "London", "fr": "Londres"}},
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
