package chserver

import (
	"context"
	"strings"
	"testing"
)

// TestFeatures reports what the server lacks of what the ClickHouse
// dialect writes (docs/sql.md keeps the list for Debian's 18.16).
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
		t.Logf("ClickHouse %s lacks %s", v, m)
	}
	// Debian bookworm's server lacks every one (docs/sql.md lists them).
	if strings.HasPrefix(v, "18.") && len(missing) != len(Features()) {
		t.Errorf("ClickHouse %s lacks %d of the %d constructs, docs/sql.md says all", v, len(missing), len(Features()))
	}
}
