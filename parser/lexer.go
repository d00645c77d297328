package parser

import (
	"io"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of the hand-written lexer. participle matches grammar
// references such as `Word` or `LParen` against these by name (symbols).
const (
	tokWS        lexer.TokenType = -(iota + 2) // blanks; elided, but kept so EndPos is exact
	tokWord                                    // a bare word: foo, Processes.process, *node*, C:\Windows\*, 10.0.0.0/8
	tokString                                  // a double-quoted string, quotes and escapes included
	tokOp                                      // = != < <= > >=
	tokLParen                                  // (
	tokRParen                                  // )
	tokComma                                   // , (see mode.commas)
	tokSubsearch                               // a whole [subsearch], brackets included
	tokAnd                                     // AND (upper case only)
	tokOr                                      // OR (upper case only)
	tokNot                                     // NOT (upper case only)
	tokIn                                      // IN directly followed by '('
	tokKw                                      // a clause keyword of the command (mode.keywords)
	tokNumber                                  // eval syntax: 1, 2.5, 1e3, 0x1F
	tokQField                                  // eval syntax: a field name in single quotes, quotes included
	tokXor                                     // eval syntax: XOR (any case)
	tokLike                                    // eval syntax: LIKE (any case) as an operator
)

var symbols = map[string]lexer.TokenType{
	"EOF":        lexer.EOF,
	"Whitespace": tokWS,
	"Word":       tokWord,
	"String":     tokString,
	"Op":         tokOp,
	"LParen":     tokLParen,
	"RParen":     tokRParen,
	"Comma":      tokComma,
	"Subsearch":  tokSubsearch,
	"And":        tokAnd,
	"Or":         tokOr,
	"Not":        tokNot,
	"In":         tokIn,
	"Kw":         tokKw,
	"Number":     tokNumber,
	"QField":     tokQField,
	"Xor":        tokXor,
	"Like":       tokLike,
}

// mode says how one command's text is lexed. Search syntax is context
// sensitive, so each command gets the lexer mode of its grammar.
type mode struct {
	// keywords are the lower-case words lexed as Kw (any case) when they
	// stand at parenthesis depth 0 and do not follow an operator: tstats'
	// from/where/by/as, rename's and convert's as.
	keywords []string
	// commas makes ',' a token everywhere; otherwise it is one only inside
	// an IN (...) list and is an ordinary word byte elsewhere (search a,b).
	commas bool
	// islands lexes `eval(...)` in eval syntax (lexExpr): stats'
	// count(eval(x>1)), transaction's startswith=eval(...).
	islands bool
	// wide makes words run to the next blank, comma or quote: parentheses
	// and operators are word bytes (table, fields: `predicted(x)`, `a=b*`).
	wide bool
}

var (
	searchMode  = mode{}
	tstatsMode  = mode{keywords: []string{"as", "by", "from", "where"}, commas: true}
	asMode      = mode{keywords: []string{"as"}, commas: true}
	statsMode   = mode{keywords: []string{"as", "by"}, commas: true, islands: true}
	wideMode    = mode{commas: true, wide: true}
	clauseMode  = mode{commas: true}
	replaceMode = mode{keywords: []string{"with", "in"}, commas: true}
	dedupMode   = mode{keywords: []string{"sortby"}, commas: true}

	lookupMode      = mode{keywords: []string{"as", "output", "outputnew"}, commas: true}
	inputlookupMode = mode{keywords: []string{"where"}}
	timechartMode   = mode{keywords: []string{"as", "by", "where"}, commas: true, islands: true}
	chartMode       = mode{keywords: []string{"as", "by", "over"}, commas: true, islands: true}
	transactionMode = mode{commas: true, islands: true}
	topMode         = mode{keywords: []string{"by"}, commas: true}
	multikvMode     = mode{keywords: []string{"fields", "filter"}, commas: true}
)

// lexFunc lexes query[start:end] into tokens ending with EOF.
type lexFunc func(query string, start, end int) ([]lexer.Token, error)

// lexer returns the lexFunc of mode m.
func (m mode) lexer() lexFunc {
	return func(query string, start, end int) ([]lexer.Token, error) { return lex(query, start, end, m) }
}

// lexExprCommand lexes a command written in eval syntax (where, head): its
// name, then lexExpr.
func lexExprCommand(query string, start, end int) ([]lexer.Token, error) {
	return lexNamedExpr(query, start, end, false)
}

// lexEvalCommand lexes the eval command, whose assignment targets are
// lexed as words (see lexExpr).
func lexEvalCommand(query string, start, end int) ([]lexer.Token, error) {
	return lexNamedExpr(query, start, end, true)
}

func lexNamedExpr(query string, start, end int, targets bool) ([]lexer.Token, error) {
	name := commandName(query, start, end)
	toks, err := lexExpr(query, start+len(name), end, false, targets)
	if err != nil {
		return nil, err
	}
	toks = append(toks, lexer.Token{})
	copy(toks[1:], toks)
	toks[0] = lexer.Token{Type: tokWord, Value: name, Pos: lexer.Position{Offset: start}}
	return toks, nil
}

// lexWholeExpr lexes a whole eval expression.
func lexWholeExpr(query string, start, end int) ([]lexer.Token, error) {
	return lexExpr(query, start, end, false, false)
}

func (m mode) isKeyword(w string) bool {
	for _, k := range m.keywords {
		if strings.EqualFold(k, w) {
			return true
		}
	}
	return false
}

// lex splits query[start:end] into tokens whose offsets are offsets of the
// whole query. The last token is EOF at end.
//
// Words: a word runs until a blank, '"', '(', ')', '[', ']', an operator
// (= != < <= > >=) or, where commas are tokens, ','. Right after an
// operator the value word may itself contain = < > ! (x=a=b has the value
// "a=b"), but not start with one. A '!' not followed by '=' is an ordinary byte, and so is '\'
// outside quotes (path=C:\Windows\*). AND, OR and NOT are operators only in
// upper case; IN only when '(' follows.
func lex(query string, start, end int, m mode) ([]lexer.Token, error) {
	toks := make([]lexer.Token, 0, (end-start)/4+2)
	emit := func(t lexer.TokenType, from, to int) {
		toks = append(toks, lexer.Token{Type: t, Value: query[from:to], Pos: lexer.Position{Offset: from}})
	}
	depth := 0
	afterOp := false              // the previous significant token was an operator
	lastSig := lexer.TokenType(0) // the previous significant token's type
	listDepth := -1               // depth of the open IN list, -1 when none
	afterAs := false              // the previous significant token is the keyword AS
	for i := start; i < end; {
		if j, err := trivia(query, i, end); err != nil {
			return nil, err
		} else if j > i {
			emit(tokWS, i, j)
			i = j
			continue
		}
		c := query[i]
		switch {
		case c == '"':
			j := skipString(query, i, end)
			if j < 0 {
				return nil, errorf(query, i, "unterminated quoted string")
			}
			emit(tokString, i, j)
			i = j
		case (m.wide || afterAs) && c != ',' && c != '(' && c != '[':
			j := scanWide(query, i, end)
			emit(tokWord, i, j)
			i = j
		case c == '(':
			depth++
			if lastSig == tokIn {
				listDepth = depth
			}
			emit(tokLParen, i, i+1)
			i++
		case c == ')':
			if depth == listDepth {
				listDepth = -1
			}
			depth--
			emit(tokRParen, i, i+1)
			i++
		case c == '[':
			j := skipBrackets(query, i, end)
			if j < 0 {
				return nil, errorf(query, i, "unclosed %q: missing %q", '[', ']')
			}
			emit(tokSubsearch, i, j)
			i = j
		case c == ']':
			return nil, errorf(query, i, "unexpected %q without a matching %q", ']', '[')
		case c == ',' && (m.commas || listDepth > 0):
			emit(tokComma, i, i+1)
			i++
		case opLen(query, i, end) > 0: // also right after an operator: x==y and x< = are errors
			n := opLen(query, i, end)
			emit(tokOp, i, i+n)
			i += n
			lastSig, afterOp, afterAs = tokOp, true, false
			continue
		default:
			var j int
			if m.islands && (!afterOp || depth == 0) && i+4 < end && query[i+4] == '(' && strings.EqualFold(query[i:i+4], "eval") {
				// An island, also right after an operator outside
				// parentheses: startswith=eval(...). Inside parentheses
				// x=eval(1) stays a search value.
				j = i + 4
			} else {
				j = scanWord(query, i, end, afterOp, m.commas || listDepth > 0)
			}
			w := query[i:j]
			if m.islands && j < end && query[j] == '(' && strings.EqualFold(w, "eval") {
				k := matchParen(query, j, end)
				if k < 0 {
					return nil, errorf(query, j, "unclosed %q: missing %q", '(', ')')
				}
				emit(tokWord, i, j)
				inner, err := lexExpr(query, j, k, false, false)
				if err != nil {
					return nil, err
				}
				toks = append(toks, inner[:len(inner)-1]...)
				i = k
				lastSig, afterOp, afterAs = tokRParen, false, false
				continue
			}
			t := tokWord
			if !afterOp {
				switch {
				case w == "AND":
					t = tokAnd
				case w == "OR":
					t = tokOr
				case w == "NOT":
					t = tokNot
				case w == "IN" && nextNonSpace(query, j, end) == '(':
					t = tokIn
				case depth == 0 && m.isKeyword(w):
					t = tokKw
				}
			}
			toks = append(toks, lexer.Token{Type: t, Value: w, Pos: lexer.Position{Offset: i}})
			i = j
		}
		last := &toks[len(toks)-1]
		lastSig, afterOp = last.Type, false
		afterAs = last.Type == tokKw && strings.EqualFold(last.Value, "as")
	}
	toks = append(toks, lexer.Token{Type: lexer.EOF, Pos: lexer.Position{Offset: end}})
	return toks, nil
}

// opLen returns the length of the comparison operator at query[i], or 0.
func opLen(query string, i, end int) int {
	next := byte(0)
	if i+1 < end {
		next = query[i+1]
	}
	switch query[i] {
	case '=':
		return 1
	case '<', '>':
		if next == '=' {
			return 2
		}
		return 1
	case '!':
		if next == '=' {
			return 2
		}
	}
	return 0
}

// scanWord returns the end of the word starting at query[i].
//
// Outside quotes a backslash keeps the next '"' or '\' in the word
// (kubectl.../last-applied-configuration=*\"privileged\":true*).
//
// A value word (right after an operator) may contain operator bytes, and
// parentheses that it opens itself: Processes.process=*GetCurrent()*. Once
// such a parenthesis is open, the word runs to the matching ')', blanks
// and quoted strings included, so `_time>=relative_time(now(), "-1d")` is
// one comparison. The pipeline split guarantees that the ')' exists.
func scanWord(query string, i, end int, value, commas bool) int {
	j := i
	depth := 0
	for j < end {
		c := query[j]
		if depth > 0 {
			switch c {
			case '"':
				if k := skipString(query, j, end); k > 0 {
					j = k
					continue
				}
			case '(':
				depth++
			case ')':
				depth--
			}
			j++
			continue
		}
		if c == '\\' && j+1 < end && (query[j+1] == '"' || query[j+1] == '\\') {
			j += 2
			continue
		}
		if value && c == '(' && j > i {
			depth++
			j++
			continue
		}
		if isSpace(c) || c == '"' || c == '(' || c == ')' || c == '[' || c == ']' || (commas && c == ',') {
			break
		}
		if j > i && isComment(query, j, end) {
			break // a ```comment``` ends the word wherever it starts, as Splunk strips comments first
		}
		if !value && opLen(query, j, end) > 0 {
			break
		}
		j++
	}
	if j == i { // a lone byte that starts nothing else
		j++
	}
	return j
}

// scanWide returns the end of a wide word (mode.wide) at query[i].
func scanWide(query string, i, end int) int {
	j := i
	for j < end {
		c := query[j]
		if isSpace(c) || c == ',' || c == '"' || isComment(query, j, end) {
			break
		}
		j++
	}
	return j
}

// matchParen returns the offset just past the ')' matching the '(' at
// query[i], skipping quoted strings, or -1.
func matchParen(query string, i, end int) int {
	depth := 0
	for j := i; j < end; j++ {
		switch query[j] {
		case '"', '\'':
			k := skipQuoted(query, j, end, query[j])
			if k < 0 {
				return -1
			}
			j = k - 1
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return -1
}

func nextNonSpace(query string, i, end int) byte {
	for ; i < end; i++ {
		if !isSpace(query[i]) {
			return query[i]
		}
	}
	return 0
}

// lexDef is the participle lexer.Definition of one mode. Parse feeds tokens
// through ParseFromLexer instead (to keep absolute offsets), but participle
// needs a Definition to build the grammar, and it lets tools lex text.
type lexDef struct {
	lex     lexFunc
	symbols map[string]lexer.TokenType
}

// Symbols implements lexer.Definition.
func (d lexDef) Symbols() map[string]lexer.TokenType { return d.symbols }

// Lex implements lexer.Definition.
func (d lexDef) Lex(_ string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	s := string(b)
	toks, err := d.lex(s, 0, len(s))
	if err != nil {
		return nil, err
	}
	return &sliceLexer{toks: toks}, nil
}

// sliceLexer replays lexed tokens; the last one is EOF.
type sliceLexer struct {
	toks []lexer.Token
	i    int
}

// Next implements lexer.Lexer.
func (l *sliceLexer) Next() (lexer.Token, error) {
	t := l.toks[l.i]
	if l.i < len(l.toks)-1 {
		l.i++
	}
	return t, nil
}

// trivia returns the end of the whitespace or ```comment``` starting at
// query[i] (i itself when there is none); both lexers emit it as one
// whitespace token.
func trivia(query string, i, end int) (int, error) {
	switch {
	case isSpace(query[i]):
		j := i + 1
		for j < end && isSpace(query[j]) {
			j++
		}
		return j, nil
	case isComment(query, i, end):
		j := skipComment(query, i, end)
		if j < 0 {
			return 0, errorf(query, i, "unterminated ``` comment")
		}
		return j, nil
	}
	return i, nil
}
