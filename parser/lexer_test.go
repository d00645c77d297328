package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

var tokenNames = func() map[lexer.TokenType]string {
	m := map[lexer.TokenType]string{}
	for name, t := range symbols {
		m[t] = name
	}
	return m
}()

// render lists the significant tokens as Type(value).
func render(toks []lexer.Token) string {
	var parts []string
	for _, t := range toks {
		if t.Type == tokWS || t.EOF() {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s(%s)", tokenNames[t.Type], t.Value))
	}
	return strings.Join(parts, " ")
}

func TestLex(t *testing.T) {
	tests := []struct {
		in   string
		mode mode
		want string
	}{
		{`a=b`, searchMode, `Word(a) Op(=) Word(b)`},
		{`a = b`, searchMode, `Word(a) Op(=) Word(b)`},
		{`a!=b c<=1 d>=2 e<3 f>4`, searchMode, `Word(a) Op(!=) Word(b) Word(c) Op(<=) Word(1) Word(d) Op(>=) Word(2) Word(e) Op(<) Word(3) Word(f) Op(>) Word(4)`},
		{`Processes.process=*node*`, searchMode, `Word(Processes.process) Op(=) Word(*node*)`},
		{`path=C:\Windows\*`, searchMode, `Word(path) Op(=) Word(C:\Windows\*)`},
		{`x=a=b`, searchMode, `Word(x) Op(=) Word(a=b)`},
		{`foo!bar`, searchMode, `Word(foo!bar)`},
		{`x="a \"b\" c" y`, searchMode, `Word(x) Op(=) String("a \"b\" c") Word(y)`},
		{`x=*\"q\":1*`, searchMode, `Word(x) Op(=) Word(*\"q\":1*)`},
		{`x=*GetCurrent()* y`, searchMode, `Word(x) Op(=) Word(*GetCurrent()*) Word(y)`},
		{`(x=a)`, searchMode, `LParen(() Word(x) Op(=) Word(a) RParen())`},
		{`t>=f(now(), "-1d") z`, searchMode, `Word(t) Op(>=) Word(f(now(), "-1d")) Word(z)`},
		{`a AND b OR c NOT d and or not`, searchMode, `Word(a) And(AND) Word(b) Or(OR) Word(c) Not(NOT) Word(d) Word(and) Word(or) Word(not)`},
		{`x=OR`, searchMode, `Word(x) Op(=) Word(OR)`},
		{`f IN (a, "b c",40*) IN`, searchMode, `Word(f) In(IN) LParen(() Word(a) Comma(,) String("b c") Comma(,) Word(40*) RParen()) Word(IN)`},
		{`f IN(a,b)`, searchMode, `Word(f) In(IN) LParen(() Word(a) Comma(,) Word(b) RParen())`},
		{`a,b c`, searchMode, `Word(a,b) Word(c)`},
		{`[| inputlookup t | fields "]"] x`, searchMode, `Subsearch([| inputlookup t | fields "]"]) Word(x)`},
		{`by from where as BY`, searchMode, `Word(by) Word(from) Word(where) Word(as) Word(BY)`},
		{`count from datamodel=X where (by) BY x=by`, tstatsMode, `Word(count) Kw(from) Word(datamodel) Op(=) Word(X) Kw(where) LParen(() Word(by) RParen()) Kw(BY) Word(x) Op(=) Word(by)`},
		{`values(a) as b, c`, tstatsMode, `Word(values) LParen(() Word(a) RParen()) Kw(as) Word(b) Comma(,) Word(c)`},
		{`a AS b,c as d`, asMode, `Word(a) Kw(AS) Word(b) Comma(,) Word(c) Kw(as) Word(d)`},
	}
	for _, tt := range tests {
		toks, err := lex(tt.in, 0, len(tt.in), tt.mode)
		if err != nil {
			t.Errorf("lex(%q): %v", tt.in, err)
			continue
		}
		if got := render(toks); got != tt.want {
			t.Errorf("lex(%q)\n got: %s\nwant: %s", tt.in, got, tt.want)
		}
	}
}

func TestLexOffsets(t *testing.T) {
	q := `xx | a="b" c`
	toks, err := lex(q, 5, len(q), searchMode)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, tok := range toks {
		if tok.Type != tokWS {
			got = append(got, tok.Pos.Offset)
		}
	}
	want := []int{5, 6, 7, 11, 12} // a = "b" c EOF
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("offsets = %v, want %v", got, want)
	}
}

func TestLexErrors(t *testing.T) {
	for in, want := range map[string]string{
		`x="abc`: "1:3: unterminated quoted string",
		`x [a b`: "1:3: unclosed '[': missing ']'",
		`x ] y`:  "1:3: unexpected ']' without a matching '['",
		`x="a\"`: "1:3: unterminated quoted string",
	} {
		_, err := lex(in, 0, len(in), searchMode)
		if err == nil || err.Error() != want {
			t.Errorf("lex(%q) error = %v, want %s", in, err, want)
		}
	}
}
