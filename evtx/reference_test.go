package evtx

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// samplesDir holds the shared .evtx collection with reference_xml/ beside
// it (decoded by python-evtx).
const samplesDir = "../../shared/data/evtx_attack_samples"

func sampleFiles(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(samplesDir, "*.evtx"))
	if len(files) == 0 {
		t.Skipf("no .evtx samples at %s (the shared data directory is absent)", samplesDir)
	}
	return files
}

// pair is one field of a flattened event: System elements and attributes
// by path, EventData's Data by Name, UserData leaves by path.
type pair struct{ key, val string }

// flatten reads one <Event> element into its fields.
func flatten(d *xml.Decoder, start xml.StartElement) ([]pair, error) {
	var out []pair
	type frame struct {
		path     string
		text     strings.Builder
		children bool
		dataName string
	}
	stack := []*frame{{path: start.Name.Local}}
	addAttrs := func(f *frame, attrs []xml.Attr) {
		for _, a := range attrs {
			if a.Name.Local == "xmlns" || a.Name.Space == "xmlns" {
				continue
			}
			if f.path == "Event/EventData/Data" && a.Name.Local == "Name" {
				f.dataName = a.Value
				continue
			}
			if a.Value != "" {
				out = append(out, pair{f.path + "@" + a.Name.Local, a.Value})
			}
		}
	}
	addAttrs(stack[0], start.Attr)
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			top := stack[len(stack)-1]
			top.children = true
			f := &frame{path: top.path + "/" + tok.Name.Local}
			stack = append(stack, f)
			addAttrs(f, tok.Attr)
		case xml.CharData:
			stack[len(stack)-1].text.Write(tok)
		case xml.EndElement:
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !f.children {
				key := f.path
				if f.dataName != "" {
					key += "[" + f.dataName + "]"
				}
				out = append(out, pair{key, f.text.String()})
			}
			if len(stack) == 0 {
				return out, nil
			}
		}
	}
}

// events reads every <Event> of an XML text.
func events(r io.Reader) ([][]pair, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	var all [][]pair
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return all, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Event" {
			ev, err := flatten(d, se)
			if err != nil {
				return all, err
			}
			all = append(all, ev)
		}
	}
}

var (
	guidRe      = regexp.MustCompile(`^\{[0-9A-Fa-f-]{36}\}$`)
	arrayItemRe = regexp.MustCompile(`(?s)<string>(.*?)</string>`)
	pyTimeRe    = regexp.MustCompile(`^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?Z?$`)
)

// sameValue compares one of our values with python-evtx's, allowing for
// its formatting: GUIDs in lower case, times as "2006-01-02 15:04:05.999999"
// computed through a float (off by a microsecond or two), binary as
// base64, hexadecimal integers padded to their width (Windows writes
// 0x3e7, python-evtx 0x00000000000003e7), size_t in decimal, booleans
// capitalised, control characters dropped.
func sameValue(key, ours, ref string) bool {
	ours, ref = dropControls(ours), dropControls(ref)
	if ours == ref {
		return true
	}
	if guidRe.MatchString(ours) && strings.EqualFold(ours, ref) {
		return true
	}
	if pyTimeRe.MatchString(ours) && pyTimeRe.MatchString(ref) {
		a, err1 := parseAnyTime(ours)
		b, err2 := parseAnyTime(ref)
		if err1 == nil && err2 == nil {
			return math.Abs(float64(a.Sub(b))) <= float64(3*time.Microsecond)
		}
	}
	if raw, err := base64.StdEncoding.DecodeString(ref); err == nil && len(ref) > 0 {
		if h, err := hex.DecodeString(ours); err == nil && bytes.Equal(h, raw) {
			return true
		}
	}
	if strings.HasPrefix(ours, "0x") {
		a, err1 := strconv.ParseUint(ours[2:], 16, 64)
		b, err2 := strconv.ParseUint(strings.TrimPrefix(ref, "0x"), 16, 64)
		if !strings.HasPrefix(ref, "0x") {
			b, err2 = strconv.ParseUint(ref, 10, 64) // python-evtx writes size_t in decimal
		}
		if err1 == nil && err2 == nil && a == b {
			return true // python-evtx pads hexadecimal integers to their width
		}
	}
	if strings.EqualFold(ours, ref) && (ours == "true" || ours == "false") {
		return true
	}
	return false
}

// dropControls removes control characters, which XML cannot hold and
// python-evtx writes in its own way (dropped or as references).
func dropControls(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

// xmlSafe drops the C0 control characters XML 1.0 forbids, so that
// encoding/xml reads our rendering of values that hold them.
func xmlSafe(b []byte) []byte {
	return bytes.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return -1
		}
		return r
	}, b)
}

// expandArrays splits python-evtx's rendering of an array value
// ("<string>a</string>\n<string>b</string>\n") into one pair per item,
// as Windows repeats the element.
func expandArrays(ps []pair) []pair {
	var out []pair
	for _, p := range ps {
		if !strings.HasPrefix(p.val, "<string>") {
			out = append(out, p)
			continue
		}
		for _, m := range arrayItemRe.FindAllStringSubmatch(p.val, -1) {
			out = append(out, pair{p.key, m[1]})
		}
	}
	return out
}

func parseAnyTime(s string) (time.Time, error) {
	s = strings.Replace(strings.TrimSuffix(s, "Z"), " ", "T", 1)
	return time.Parse("2006-01-02T15:04:05.999999999", s)
}

// decodeFile decodes every record of an .evtx file: the records' XML and
// every error.
func decodeFile(t testing.TB, path string) (xmls [][]byte, errs []string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var d Decoder
	buf := make([]byte, ChunkSize)
	for {
		b, idx, err := r.Next(buf)
		if err == io.EOF {
			return xmls, errs
		}
		if err != nil {
			t.Fatal(err)
		}
		c, err := d.Decode(b)
		if err == ErrUnusedChunk {
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Sprintf("chunk %d: %v", idx, err))
			continue
		}
		for _, e := range c.Errors {
			errs = append(errs, fmt.Sprintf("chunk %d: %v", idx, e))
		}
		for _, rec := range c.Records {
			xmls = append(xmls, bytes.Clone(rec.XML))
		}
	}
}

func readReference(t testing.TB, path string) [][]pair {
	name := strings.TrimSuffix(filepath.Base(path), ".evtx")
	f, err := os.Open(filepath.Join(samplesDir, "reference_xml", name+".xml.gz"))
	if err != nil {
		t.Fatalf("reference: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	// encoding/xml reads XML 1.0 only: drop the 1.1 declaration.
	if i := bytes.Index(body, []byte("?>")); bytes.HasPrefix(body, []byte("<?xml")) && i > 0 {
		body = body[i+2:]
	}
	evs, err := events(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("reference %s: %v", name, err)
	}
	return evs
}

// TestReference decodes every shared sample file and compares each record
// with the reference decoder's: the same number of records per file, and
// for each record the same System fields and EventData/UserData
// name→value pairs.
func TestReference(t *testing.T) {
	files := sampleFiles(t)
	total := 0
	for _, path := range files {
		name := filepath.Base(path)
		xmls, errs := decodeFile(t, path)
		for _, e := range errs {
			t.Errorf("%s: %s", name, e)
		}
		ref := readReference(t, path)
		if len(xmls) != len(ref) {
			t.Errorf("%s: %d records, reference has %d", name, len(xmls), len(ref))
		}
		total += len(xmls)
		bad := 0
		for i := 0; i < len(xmls) && i < len(ref); i++ {
			ours, err := events(bytes.NewReader(xmlSafe(xmls[i])))
			if err != nil || len(ours) != 1 {
				t.Errorf("%s record %d: our XML does not parse (%v): %s", name, i, err, xmls[i])
				continue
			}
			if diff := comparePairs(ours[0], ref[i]); diff != "" {
				bad++
				if bad <= 3 {
					t.Errorf("%s record %d: %s", name, i, diff)
				}
			}
		}
		if bad > 3 {
			t.Errorf("%s: %d records differ in all", name, bad)
		}
	}
	t.Logf("%d files, %d records", len(files), total)
}

// comparePairs says how two flattened events differ ("" when they agree).
func comparePairs(ours, ref []pair) string {
	ref = expandArrays(ref)
	if len(ours) != len(ref) {
		return fmt.Sprintf("%d fields, reference %d:\n ours %v\n ref  %v", len(ours), len(ref), ours, ref)
	}
	for i := range ours {
		if ours[i].key != ref[i].key || !sameValue(ours[i].key, ours[i].val, ref[i].val) {
			return fmt.Sprintf("field %d: %s=%q, reference %s=%q", i, ours[i].key, ours[i].val, ref[i].key, ref[i].val)
		}
	}
	return ""
}
