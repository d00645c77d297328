package ingest

import (
	"context"
	"errors"
	"os"
	"testing"
)

// TestOptionsOpen: with Options.Open, each path is read from the file it
// returns (not opened again by name), and its error ends the walk.
func TestOptionsOpen(t *testing.T) {
	var asked []string
	opts := Options{Open: func(p string) (*os.File, error) {
		asked = append(asked, p)
		return os.Open("testdata/sysmon.xml.log")
	}}
	events, _, rep, err := LoadEvents(context.Background(), []string{"no/such/name.log"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(asked) != 1 || asked[0] != "no/such/name.log" || len(events) == 0 || rep.Files[0].Path != "no/such/name.log" {
		t.Errorf("asked %q, %d events, report %+v", asked, len(events), rep.Files)
	}
	refused := errors.New("refused")
	opts.Open = func(string) (*os.File, error) { return nil, refused }
	if _, _, _, err := LoadEvents(context.Background(), []string{"x.log"}, opts); !errors.Is(err, refused) {
		t.Errorf("error %v, want Open's", err)
	}
}
