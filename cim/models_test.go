package cim

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLookupDataset(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"Endpoint.Processes", "Endpoint.Processes"},
		{"Network_Resolution", "Network_Resolution.DNS"},
		{"Network_Resolution.DNS", "Network_Resolution.DNS"},
		{"Network_Traffic", "Network_Traffic.All_Traffic"},
		{"Network_Traffic.All_Traffic", "Network_Traffic.All_Traffic"},
		{"Authentication", "Authentication.Authentication"},
		{"Authentication.Authentication", "Authentication.Authentication"},
		{"Web", "Web.Web"},
		{"Change", "Change.All_Changes"},
		{"Risk.All_Risk", "Risk.All_Risk"},
		{"Email", "Email.All_Email"},
		{"Email.All_Email", "Email.All_Email"},
		{"Alerts", "Alerts.Alerts"},
		{"Updates", "Updates.Updates"}, // Update_Errors is a search dataset
		{"Updates.Update_Errors", "Updates.Update_Errors"},
		{"Network_Sessions", "Network_Sessions.All_Sessions"},
		{"Intrusion_Detection.IDS_Attacks", "Intrusion_Detection.IDS_Attacks"},
		{"Certificates", "Certificates.All_Certificates"},
		{"Certificates.All_Certificates", "Certificates.All_Certificates"},
		{"Malware", "Malware.Malware_Attacks"}, // Malware_Operations is a search dataset
		{"Malware.Malware_Operations", "Malware.Malware_Operations"},
		{"Vulnerabilities", "Vulnerabilities.Vulnerabilities"},
		{"Data_Access", "Data_Access.Data_Access"},
		{"Email.Filtering", ""},                      // a child: use nodename
		{"Certificates.SSL", ""},                     // a child: use nodename
		{"Endpoint", ""},                             // several root datasets: the dataset is required
		{"Authentication.Failed_Authentication", ""}, // a child: use nodename
		{"network_resolution", ""},                   // case-sensitive
		{"Network_Resolution.Nope", ""},
	} {
		d, ok := LookupDataset(tc.name)
		got := ""
		if ok {
			got = d.FullName()
		}
		if got != tc.want {
			t.Errorf("LookupDataset(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if d := cmp.Diff([]string{"Alerts", "Authentication", "Certificates", "Change", "Data_Access", "Email", "Endpoint",
		"Intrusion_Detection", "Malware", "Network_Resolution", "Network_Sessions", "Network_Traffic", "Risk",
		"Updates", "Vulnerabilities", "Web"}, Models()); d != "" {
		t.Errorf("Models (-want +got):\n%s", d)
	}
}

func TestNode(t *testing.T) {
	auth, _ := LookupDataset("Authentication")
	dns, _ := LookupDataset("Network_Resolution")
	email, _ := LookupDataset("Email")
	sessions, _ := LookupDataset("Network_Sessions")
	certs, _ := LookupDataset("Certificates")
	ids, _ := LookupDataset("Intrusion_Detection")
	for _, tc := range []struct {
		ds       *Dataset
		nodename string
		want     []string // constraints, outermost first
		ok       bool
	}{
		{auth, "Authentication", nil, true},
		{auth, "Authentication.Failed_Authentication", []string{`action="failure"`}, true},
		{auth, "Authentication.Successful_Authentication", []string{`action="success"`}, true},
		{auth, "Authentication.Privileged_Authentication.Failed_Privileged_Authentication", []string{"tag=privileged", `action="failure"`}, true},
		{auth, "Authentication.Failed_Privileged_Authentication", nil, false}, // not a direct child
		{auth, "DNS", nil, false},
		{dns, "DNS", nil, true},
		{dns, "DNS.DNS_Query", []string{`message_type="QUERY"`}, true},
		{email, "All_Email", nil, true},
		{email, "All_Email.Delivery", []string{"tag=delivery"}, true},
		{email, "All_Email.Content", []string{"tag=content"}, true},
		{email, "All_Email.Filtering", []string{"tag=filter"}, true},
		{email, "All_Email.Spam", nil, false},
		{sessions, "All_Sessions.DHCP", []string{"tag=dhcp"}, true},
		{sessions, "All_Sessions.VPN", []string{"tag=vpn"}, true},
		{sessions, "All_Sessions.Session_Start", []string{"tag=start"}, true},
		{sessions, "All_Sessions.Session_End", []string{"tag=end"}, true},
		{certs, "All_Certificates.SSL", []string{"(tag=ssl OR tag=tls)"}, true},
		{ids, "IDS_Attacks.Network_IDS_Attacks", []string{`ids_type="network"`}, true},
	} {
		path, ok := tc.ds.Node(tc.nodename)
		var got []string
		for _, c := range path {
			got = append(got, c.Constraint)
		}
		if ok != tc.ok || !cmp.Equal(got, tc.want) {
			t.Errorf("%s.Node(%q) = %q %v, want %q %v", tc.ds.FullName(), tc.nodename, got, ok, tc.want, tc.ok)
		}
	}
}

func TestModelFieldsUsedByDetections(t *testing.T) {
	// fields the corpus's tstats searches name most often must be declared
	for ds, fields := range map[string][]string{
		"Network_Resolution.DNS":          {"query", "src", "answer", "dest", "record_type", "message_type", "reply_code", "query_type"},
		"Network_Traffic.All_Traffic":     {"dest_port", "dest_ip", "dest", "app", "src_ip", "src", "action", "process_id", "transport", "user", "bytes_in", "bytes_out", "flow_id", "direction", "protocol"},
		"Authentication.Authentication":   {"user", "src", "signature", "action", "app", "dest", "reason", "authentication_method", "signature_id", "user_id", "vendor_account"},
		"Web.Web":                         {"url", "http_method", "src", "dest", "status", "http_user_agent", "url_length", "uri_path", "uri_query", "user", "url_domain", "site", "bytes_out"},
		"Change.All_Changes":              {"user", "action", "command", "status", "result", "src", "object_id", "object_category", "object", "result_id", "dest", "vendor_region", "change_type", "user_type"},
		"Risk.All_Risk":                   {"annotations", "risk_object_type", "calculated_risk_score", "analyticstories", "risk_object", "risk_message"},
		"Email.All_Email":                 {"recipient", "src_user", "file_name", "message_id", "Filtering.filter_action", "Filtering.signature"},
		"Alerts.Alerts":                   {"signature", "app", "severity", "description", "id", "dest"},
		"Updates.Updates":                 {"status", "vendor_product", "dest"},
		"Network_Sessions.All_Sessions":   {"tag", "dest_ip", "dest_mac", "DHCP.lease_duration"},
		"Intrusion_Detection.IDS_Attacks": {"action", "src_category", "dest_category", "src", "severity", "signature", "dest"},
		"Certificates.All_Certificates":   {"dest", "src", "SSL.ssl_issuer", "SSL.ssl_issuer_email_domain", "SSL.ssl_subject_email", "SSL.ssl_subject_email_domain"},
		"Vulnerabilities.Vulnerabilities": {"cve", "dest"},
	} {
		d, ok := LookupDataset(ds)
		if !ok {
			t.Fatalf("no %s", ds)
		}
		for _, f := range fields {
			if _, ok := d.Field(f); !ok {
				t.Errorf("%s: field %s not declared", ds, f)
			}
		}
	}
}

func TestLengthOf(t *testing.T) {
	web, _ := LookupDataset("Web")
	row := map[string]string{"url": "http://é.example/a", "sourcetype": "st"}
	web.Finish(row)
	if row["url_length"] != "18" || row["http_user_agent_length"] != "" && row["http_user_agent"] != "unknown" {
		t.Errorf("row %v", row)
	}
	if _, ok := row["http_user_agent_length"]; ok {
		t.Errorf("http_user_agent_length set from a null user agent: %v", row)
	}
	b := web.NewBuilder()
	b.Set("url", "http://é.example/a")
	b.EndRow(0)
	if got := b.Table().Row(0)["url_length"]; got != "18" {
		t.Errorf("builder url_length = %q", got)
	}
}
