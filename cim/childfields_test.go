package cim

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseModelChildFields(t *testing.T) {
	ds, err := ParseModel([]byte(`
model: M
datasets:
  - name: Root
    children:
      - {name: A, constraint: 'tag=a', fields: [{name: x, unknown: true}]}
      - {name: B, parent: A, constraint: 'k="v"', fields: [{name: y, type: number}]}
    fields:
      - {name: x}
  - name: Other
    search_dataset: true
`))
	if err != nil {
		t.Fatal(err)
	}
	d := ds[0]
	var got []string
	for _, f := range d.Fields {
		got = append(got, f.Name+"@"+f.Owner)
	}
	if diff := cmp.Diff([]string{"x@", "A.x@A", "A.B.y@A.B"}, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if f, _ := d.Field("A.x"); f.Default != "unknown" {
		t.Errorf("A.x = %+v", f)
	}
	if b, _ := d.Child("B"); d.Path(b) != "A.B" {
		t.Errorf("Path(B) = %q", d.Path(b))
	}
	if d.SearchDataset || !ds[1].SearchDataset {
		t.Errorf("search_dataset: %v %v", d.SearchDataset, ds[1].SearchDataset)
	}
	for _, bad := range []string{
		"model: M\ndatasets: [{name: R, fields: [{name: x}, {name: x}]}]",
		"model: M\ndatasets: [{name: R, children: [{name: A, constraint: 'tag=a', fields: [{name: x}, {name: x}]}]}]",
		"model: M\ndatasets: [{name: R, children: [{name: A, constraint: 'tag=a', fields: [{name: ''}]}]}]",
		"model: M\ndatasets: [{name: R, children: [{name: A, constraint: 'tag=a', fields: [{name: x, type: blob}]}]}]",
	} {
		if _, err := ParseModel([]byte(bad)); err == nil {
			t.Errorf("ParseModel(%q): no error", bad)
		}
	}
}

func TestFinishSkipsChildFields(t *testing.T) {
	certs, ok := LookupDataset("Certificates")
	if !ok {
		t.Fatal("no Certificates")
	}
	f, ok := certs.Field("SSL.ssl_issuer")
	if !ok || f.Owner != "SSL" || !f.Unknown {
		t.Fatalf("SSL.ssl_issuer = %+v %v", f, ok)
	}
	row := map[string]string{"dest": "h"}
	certs.Finish(row)
	if _, ok := row["SSL.ssl_issuer"]; ok {
		t.Errorf("child field calculated: %v", row)
	}
	b := certs.NewBuilder()
	b.Set("dest", "h")
	b.EndRow(0)
	if got := b.Table().Row(0); got["SSL.ssl_issuer"] != "" {
		t.Errorf("builder row %v", got)
	}
	email, _ := LookupDataset("Email")
	row = map[string]string{"sourcetype": "st"}
	email.Finish(row)
	for k, want := range map[string]string{"src_user": "unknown", "recipient": "unknown", "vendor_product": "st"} {
		if row[k] != want {
			t.Errorf("Email %s = %q, want %q", k, row[k], want)
		}
	}
	if _, ok := row["Filtering.filter_action"]; ok {
		t.Errorf("child field set: %v", row)
	}
}

func TestModelHeadersDocumentSources(t *testing.T) {
	names, err := modelFiles.ReadDir("models")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range names {
		data, _ := modelFiles.ReadFile("models/" + e.Name())
		if !strings.HasPrefix(string(data), "# CIM") {
			t.Errorf("%s: does not start with a comment naming its CIM model", e.Name())
		}
	}
}
