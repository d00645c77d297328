package evtx

import (
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilReceivers: nil and zero Readers and Decoders fail with an error
// instead of panicking, and so does a Reader over a nil io.Reader.
func TestNilReceivers(t *testing.T) {
	for _, v := range []any{
		(*Reader)(nil), new(Reader),
		(*Decoder)(nil), new(Decoder),
	} {
		res := niltest.CallAll(t, v)
		niltest.WantErrors(t, v, res)
	}
	for _, v := range []any{FileHeader{}, Record{}, RecordError{}} {
		niltest.CallAll(t, v)
	}
	if _, err := NewReader(nil); err == nil {
		t.Error("NewReader(nil) returned no error")
	}
}
