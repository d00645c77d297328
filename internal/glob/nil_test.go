package glob

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilPatterns: nil Likes and Searches match nothing, and a zero Like
// is the empty pattern, instead of panicking.
func TestNilPatterns(t *testing.T) {
	for _, v := range []any{
		(*Like)(nil), new(Like),
		(*Search)(nil), new(Search),
		Glob{},
	} {
		niltest.CallAll(t, v)
	}
	if (*Like)(nil).Match("") || (*Search)(nil).Match("") {
		t.Error("a nil pattern matched")
	}
	if !new(Like).Match("") || new(Like).Match("a") {
		t.Error("the zero Like is not the empty pattern")
	}
}
