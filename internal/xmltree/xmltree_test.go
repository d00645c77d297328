package xmltree

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	roots, err := Parse(`<Event xmlns="urn:x"><System a:id="7" xmlns:a="urn:a"><EventID>1</EventID></System>` +
		`<Data Name="Image"> C:\cmd.exe &amp; </Data></Event>`)
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 1 || roots[0].Name != "Event" || len(roots[0].Kids) != 2 {
		t.Fatalf("roots: %+v", roots)
	}
	sys, data := roots[0].Kids[0], roots[0].Kids[1]
	if len(sys.Attrs) != 1 || sys.Attrs[0].Name.Local != "id" || sys.Attrs[0].Value != "7" {
		t.Errorf("attrs: %+v", sys.Attrs)
	}
	if sys.Value() != "<EventID>1</EventID>" || sys.Inner != "<EventID>1</EventID>" {
		t.Errorf("inner: %q", sys.Value())
	}
	if data.Text() != ` C:\cmd.exe & ` || data.Value() != `C:\cmd.exe &` {
		t.Errorf("text %q value %q", data.Text(), data.Value())
	}
	if len(data.Attrs) != 1 || data.Attrs[0].Value != "Image" {
		t.Errorf("data attrs: %+v", data.Attrs)
	}
}

func TestParseErrors(t *testing.T) {
	deep := strings.Repeat("<a>", MaxDepth+1) + strings.Repeat("</a>", MaxDepth+1)
	for _, s := range []string{"", "plain text", "<a>", "</a>", deep} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%.20q) = nil error", s)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`<a b="c">d<e/></a>`, `<a>&lt;</a>`, `<a><b></a>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		roots, err := Parse(s)
		if err == nil && len(roots) == 0 {
			t.Fatalf("%q: no error and no root", s)
		}
	})
}
