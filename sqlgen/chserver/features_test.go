package chserver

import (
	"context"
	"testing"
)

// TestFeatures checks the server has the constructs the ClickHouse
// dialect relies on (Debian bookworm's 18.16 has them all).
func TestFeatures(t *testing.T) {
	ctx := context.Background()
	eng := connect(t, ctx)
	missing, err := eng.Missing(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v, err := eng.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range missing {
		t.Errorf("ClickHouse %s lacks %s", v, m)
	}
}
