package xmltree

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilNode: a nil or zero Node has no text.
func TestNilNode(t *testing.T) {
	for _, n := range []*Node{nil, {}} {
		niltest.CallAll(t, n)
	}
}
