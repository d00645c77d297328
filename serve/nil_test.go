package serve

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilServer: a nil or zero Server answers 500 instead of panicking,
// and ignores a nil writer or request.
func TestNilServer(t *testing.T) {
	for _, s := range []*Server{nil, {}} {
		niltest.CallAll(t, s)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("GET", "/api/info", nil))
		if w.Code != http.StatusInternalServerError {
			t.Errorf("%#v answered %d, want 500", s, w.Code)
		}
	}
}
