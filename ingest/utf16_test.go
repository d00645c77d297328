package ingest

import (
	"bufio"
	"io"
	"strings"
	"testing"
	"unicode/utf16"
)

// encodeUTF16 is s in UTF-16 with a byte-order mark.
func encodeUTF16(s string, big bool) []byte {
	out := []byte{0xff, 0xfe}
	if big {
		out = []byte{0xfe, 0xff}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if big {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestFromUTF16(t *testing.T) {
	text := strings.Repeat(`{"a":"é😀\\u00e9","b":1}`+"\r\n", 5000)
	for _, big := range []bool{false, true} {
		got, err := io.ReadAll(fromUTF16(bufio.NewReader(strings.NewReader(string(encodeUTF16(text, big))))))
		if err != nil || string(got) != text {
			t.Errorf("big %v: %v, %d bytes, want %d", big, err, len(got), len(text))
		}
	}
	// an odd byte and an unpaired surrogate at the end
	b := append(encodeUTF16("ab", false), 0x3d, 0xd8, 0x41)
	got, _ := io.ReadAll(fromUTF16(bufio.NewReader(strings.NewReader(string(b)))))
	if string(got) != "ab\uFFFD\uFFFD" {
		t.Errorf("got %q", got)
	}
	// not UTF-16: untouched
	br := bufio.NewReader(strings.NewReader("plain"))
	if fromUTF16(br) != br {
		t.Error("plain text transcoded")
	}
}

func TestHostileEncodings(t *testing.T) {
	runHostile(t, []hostileCase{
		{
			name: "UTF-16 JSON lines and CSV",
			files: func(t *testing.T, dir string) []string {
				return []string{
					writeFile(t, dir, "ps.json", encodeUTF16(jsonLines(3), false)),
					writeFile(t, dir, "ps.csv", encodeUTF16("TimeCreated,Id\r\n5/12/2020 10:20:32 PM,4688\r\n", true)),
				}
			},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "3 events, 0 skipped")
				wantFile(t, rep, 1, "1 events, 0 skipped")
				if rep.Files[0].Format != FormatJSON || rep.Files[1].Format != FormatCSV {
					t.Errorf("formats %s %s", rep.Files[0].Format, rep.Files[1].Format)
				}
			},
		},
	})
}
