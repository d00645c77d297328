package parser_test

import (
	"testing"

	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/parser"
)

func TestErrorRendering(t *testing.T) {
	tests := []struct {
		err          parser.Error
		line, col    int
		str, snippet string
	}{
		{
			err:  parser.Error{Pos: 4, Msg: "boom", Query: "abc def"},
			line: 1, col: 5, str: "1:5: boom",
			snippet: " | abc def\n |     ^",
		},
		{
			err:  parser.Error{Pos: 9, Msg: "second line", Query: "abc\r\n\tx yz\nq"},
			line: 2, col: 5, str: "2:5: second line",
			snippet: " | \tx yz\n | \t   ^",
		},
		{
			// Columns count runes: é is two bytes.
			err:  parser.Error{Pos: 6, Msg: "rune", Query: "é x y"},
			line: 1, col: 6, str: "1:6: rune",
			snippet: " | é x y\n |      ^",
		},
		{
			err:  parser.Error{Pos: 3, Msg: "at end", Query: "abc"},
			line: 1, col: 4, str: "1:4: at end",
			snippet: " | abc\n |    ^",
		},
	}
	for _, tt := range tests {
		line, col := tt.err.LineCol()
		if line != tt.line || col != tt.col {
			t.Errorf("LineCol() = %d:%d, want %d:%d", line, col, tt.line, tt.col)
		}
		if got := tt.err.Error(); got != tt.str {
			t.Errorf("Error() = %q, want %q", got, tt.str)
		}
		if got := tt.err.Snippet(); got != tt.snippet {
			t.Errorf("Snippet() =\n%s\nwant\n%s", got, tt.snippet)
		}
	}
}

func TestErrorCode(t *testing.T) {
	_, err := parser.Parse(`| search x="é" | stats count by`)
	pe, ok := err.(*parser.Error)
	if !ok {
		t.Fatalf("want *parser.Error, got %T %v", err, err)
	}
	if pe.Code != diag.CodeParseError {
		t.Errorf("Code = %q", pe.Code)
	}
	if p := pe.Position("q.spl"); p.String() != "q.spl:1:32" || p.Offset != int(pe.Pos) {
		t.Errorf("Position = %+v", p)
	}
}
