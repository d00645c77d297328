package cim

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDatasets(t *testing.T) {
	var names []string
	for _, d := range Datasets() {
		names = append(names, d.FullName())
	}
	want := []string{"Alerts.Alerts", "Authentication.Authentication", "Certificates.All_Certificates",
		"Change.All_Changes", "Data_Access.Data_Access", "Email.All_Email",
		"Endpoint.Processes", "Endpoint.Filesystem", "Endpoint.Registry", "Endpoint.Services", "Endpoint.Ports",
		"Intrusion_Detection.IDS_Attacks", "Malware.Malware_Attacks", "Malware.Malware_Operations",
		"Network_Resolution.DNS", "Network_Sessions.All_Sessions", "Network_Traffic.All_Traffic", "Risk.All_Risk",
		"Updates.Updates", "Updates.Update_Errors", "Vulnerabilities.Vulnerabilities", "Web.Web"}
	if d := cmp.Diff(want, names); d != "" {
		t.Fatalf("datasets (-want +got):\n%s", d)
	}
	p, ok := LookupDataset("Endpoint.Processes")
	if !ok {
		t.Fatal("no Endpoint.Processes")
	}
	var unknown []string
	for _, f := range p.Fields {
		if f.Unknown {
			unknown = append(unknown, f.Name)
		}
	}
	wantUnknown := []string{"dest", "loaded_file", "original_file_name", "parent_process", "parent_process_name",
		"parent_user", "process", "process_name", "user", "vendor_product"}
	if d := cmp.Diff(wantUnknown, unknown); d != "" {
		t.Errorf("unknown fields (-want +got):\n%s", d)
	}
	for _, n := range []string{"process_id", "parent_process_id", "process_guid", "process_integrity_level", "user_id"} {
		if f, ok := p.Field(n); !ok || f.Unknown || f.Default != "" {
			t.Errorf("%s: %+v %v", n, f, ok)
		}
	}
	// callers may modify the result
	p.Fields[0].Name = "changed"
	p2, _ := LookupDataset("Endpoint.Processes")
	if p2.Fields[0].Name == "changed" {
		t.Error("Datasets shares state between calls")
	}
}

func TestFinish(t *testing.T) {
	p, _ := LookupDataset("Endpoint.Processes")
	ports, _ := LookupDataset("Endpoint.Ports")
	for _, tc := range []struct {
		name string
		ds   *Dataset
		in   map[string]string
		want map[string]string
	}{
		{"empty row", p, map[string]string{}, map[string]string{
			"dest": "unknown", "loaded_file": "unknown", "original_file_name": "unknown", "parent_process": "unknown",
			"parent_process_name": "unknown", "parent_user": "unknown", "process": "unknown", "process_name": "unknown",
			"user": "unknown", "vendor_product": "unknown"}},
		{"derive names", p, map[string]string{
			"process": `"C:\Program Files\A\app.exe" -x`, "parent_process": `  C:\Windows\cmd.exe /c x`,
			"process_name": "", "sourcetype": "st", "process_integrity_level": "High", "process_id": "12"},
			map[string]string{
				"process": `"C:\Program Files\A\app.exe" -x`, "parent_process": `  C:\Windows\cmd.exe /c x`,
				"process_name": "app.exe", "parent_process_name": "cmd.exe", "sourcetype": "st", "vendor_product": "st",
				"process_integrity_level": "high", "process_id": "12", "dest": "unknown", "loaded_file": "unknown",
				"original_file_name": "unknown", "parent_user": "unknown", "user": "unknown"}},
		{"ports", ports, map[string]string{"src_port": "x", "vendor_product": "v"}, map[string]string{
			"src_port": "0", "dest_port": "0", "transport": "unknown", "src": "unknown", "dest": "unknown",
			"user": "unknown", "vendor_product": "v"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.ds.Finish(tc.in)
			if d := cmp.Diff(tc.want, tc.in); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			// the builder path must agree with Finish
		})
	}
}

func TestBuilderFinishAgrees(t *testing.T) {
	p, _ := LookupDataset("Endpoint.Processes")
	in := []map[string]string{
		{"process": `"C:\a b\x.exe" y`, "process_integrity_level": "System", "sourcetype": "s"},
		{"process_name": "n.exe", "dest": "", "process_id": "1"},
		{},
	}
	b := p.NewBuilder()
	for _, r := range in {
		for k, v := range r {
			b.Set(k, v)
		}
		b.EndRow(1)
	}
	tb := b.Table()
	for i, r := range in {
		want := map[string]string{}
		for k, v := range r {
			want[k] = v
		}
		p.Finish(want)
		if d := cmp.Diff(want, tb.Row(i)); d != "" {
			t.Errorf("row %d (-finish +builder):\n%s", i, d)
		}
	}
	if tb.Column("parent_process_id") != nil {
		t.Error("all-null column kept")
	}
}

func TestCommandBasename(t *testing.T) {
	for in, want := range map[string]string{
		`"C:\Program Files\App\app.exe" --x`: "app.exe",
		`C:\Windows\System32\cmd.exe /c dir`: "cmd.exe",
		`wmic  /node:"x"`:                    "wmic",
		`"unterminated\path\a.exe`:           "a.exe",
		`   `:                                "",
		`C:\dir\`:                            "",
	} {
		if got := CommandBasename(in); got != want {
			t.Errorf("CommandBasename(%q) = %q, want %q", in, got, want)
		}
	}
}
