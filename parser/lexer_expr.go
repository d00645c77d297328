package parser

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// lexExpr splits query[start:end] in eval syntax (eval, where, head and the
// eval(...) of stats aggregates). operand says whether the text follows an
// operand, which decides what `in`, `like` and `.` mean. The last token is
// EOF at end.
//
// The rules:
//   - An identifier (a field or function name) starts with a letter, '_',
//     '{', '@', '$' or a non-ASCII byte and goes on with those, digits and
//     '}'. A '.' continues it only when the byte after the '.' could
//     continue it too: `Processes.dest` is one field, while in `a."x"`,
//     `a. b` and `a.(b)` the '.' is the concatenation operator. A '.' right
//     after a string, a number, ')' or a quoted field is always the
//     operator (`"a".b` is "a" . b).
//   - A number is digits with an optional fraction and exponent, or 0x and
//     hex digits; a minus sign is a UnaryExpr. Digits followed by a letter
//     or '_' make an identifier (3des).
//   - 'name' is a field name in single quotes; \' and \\ are escapes.
//   - AND, OR, XOR and LIKE are operators in any case when they follow an
//     operand, and IN when it also has a '(' after it; elsewhere they are
//     identifiers, so like(x, "a%") and in(x, "a") are function calls. NOT
//     (any case) and '!' are always the NOT operator.
//   - Operators: = == != < <= > >= + - * / % . and '!'.
//   - ```comments``` are blanks.
//   - With targets (the eval command), an assignment target, at the start
//     and after each comma outside parentheses, is a word running to the
//     next blank, '=', ',', parenthesis or quote: Splunk accepts
//     `eval feature_-value=1`.
func lexExpr(query string, start, end int, operand, targets bool) ([]lexer.Token, error) {
	depth := 0
	expectTarget := targets
	toks := make([]lexer.Token, 0, (end-start)/3+2)
	emit := func(t lexer.TokenType, from, to int) {
		toks = append(toks, lexer.Token{Type: t, Value: query[from:to], Pos: lexer.Position{Offset: from}})
	}
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
		case expectTarget && c != '"' && c != '\'' && scanTarget(query, i, end) > i:
			j := scanTarget(query, i, end)
			emit(tokWord, i, j)
			i, operand = j, true
		case c == '"':
			j := skipString(query, i, end)
			if j < 0 {
				return nil, errorf(query, i, "unterminated quoted string")
			}
			emit(tokString, i, j)
			i, operand = j, true
		case c == '\'':
			j := skipQuoted(query, i, end, '\'')
			if j < 0 {
				return nil, errorf(query, i, "unterminated quoted field name")
			}
			emit(tokQField, i, j)
			i, operand = j, true
		case c == '(':
			emit(tokLParen, i, i+1)
			i, operand = i+1, false
			depth++
		case c == ')':
			emit(tokRParen, i, i+1)
			i, operand = i+1, true
			depth--
		case c == ',':
			emit(tokComma, i, i+1)
			i, operand = i+1, false
			expectTarget = targets && depth == 0
			continue
		case c == '[':
			j := skipBrackets(query, i, end)
			if j < 0 {
				return nil, errorf(query, i, "unclosed %q: missing %q", '[', ']')
			}
			emit(tokSubsearch, i, j)
			i, operand = j, true
		case isDigit(c) || c == '.' && !operand && i+1 < end && isDigit(query[i+1]):
			j := scanNumber(query, i, end)
			if j < end && isIdentByte(query[j]) && query[j] != '.' {
				j = scanIdent(query, i, end)
				emit(tokWord, i, j)
			} else {
				emit(tokNumber, i, j)
			}
			i, operand = j, true
		case isIdentStart(c):
			j := scanIdent(query, i, end)
			t := identType(query[i:j], operand, nextNonSpace(query, j, end) == '(')
			emit(t, i, j)
			i, operand = j, t == tokWord
		default:
			n := exprOpLen(query, i, end)
			if n == 0 {
				return nil, errorf(query, i, "unexpected character %q in an expression", rune(c))
			}
			emit(tokOp, i, i+n)
			i, operand = i+n, false
		}
		expectTarget = false
	}
	toks = append(toks, lexer.Token{Type: lexer.EOF, Pos: lexer.Position{Offset: end}})
	return toks, nil
}

// scanTarget returns the end of the eval target word at query[i].
func scanTarget(query string, i, end int) int {
	j := i
	for j < end {
		switch c := query[j]; {
		case isSpace(c), c == '=', c == ',', c == '(', c == ')', c == '"', c == '\'', c == '!' && j+1 < end && query[j+1] == '=':
			return j
		}
		j++
	}
	return j
}

// identType classifies an identifier: an operator keyword or a word.
func identType(w string, operand, parenNext bool) lexer.TokenType {
	if len(w) > 4 {
		return tokWord
	}
	if strings.EqualFold(w, "not") {
		return tokNot
	}
	if !operand {
		return tokWord
	}
	switch {
	case strings.EqualFold(w, "and"):
		return tokAnd
	case strings.EqualFold(w, "or"):
		return tokOr
	case strings.EqualFold(w, "xor"):
		return tokXor
	case strings.EqualFold(w, "like"):
		return tokLike
	case strings.EqualFold(w, "in") && parenNext:
		return tokIn
	}
	return tokWord
}

// exprOpLen returns the length of the eval operator at query[i], or 0.
func exprOpLen(query string, i, end int) int {
	next := byte(0)
	if i+1 < end {
		next = query[i+1]
	}
	switch query[i] {
	case '=', '!', '<', '>':
		if next == '=' {
			return 2
		}
		return 1
	case '+', '-', '*', '/', '%', '.':
		return 1
	}
	return 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isIdentStart reports whether c can start an eval identifier.
func isIdentStart(c byte) bool {
	return isLetter(c) || c == '_' || c == '{' || c == '@' || c == '$' || c == ':' || c >= 0x80
}

// isIdentByte reports whether c can continue an eval identifier ('.' only
// under the rule of scanIdent).
func isIdentByte(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '}' || c == '.' }

// scanIdent returns the end of the identifier starting at query[i].
func scanIdent(query string, i, end int) int {
	j := i
	for j < end {
		c := query[j]
		if c == '.' {
			if j+1 < end && isIdentByte(query[j+1]) && query[j+1] != '.' {
				j++
				continue
			}
			break
		}
		if !isIdentByte(c) {
			break
		}
		j++
	}
	return j
}

// scanNumber returns the end of the number starting at query[i].
func scanNumber(query string, i, end int) int {
	j := i
	if j+1 < end && query[j] == '0' && (query[j+1] == 'x' || query[j+1] == 'X') {
		j += 2
		for j < end && isHexDigit(query[j]) {
			j++
		}
		return j
	}
	for j < end && isDigit(query[j]) {
		j++
	}
	if j+1 < end && query[j] == '.' && isDigit(query[j+1]) {
		j++
		for j < end && isDigit(query[j]) {
			j++
		}
	}
	if j < end && (query[j] == 'e' || query[j] == 'E') {
		k := j + 1
		if k < end && (query[k] == '+' || query[k] == '-') {
			k++
		}
		if k < end && isDigit(query[k]) {
			for k < end && isDigit(query[k]) {
				k++
			}
			j = k
		}
	}
	return j
}

func isHexDigit(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// skipQuoted returns the offset just past the string quoted with q that
// starts at query[i] (a backslash escapes the next byte), or -1.
func skipQuoted(query string, i, end int, q byte) int {
	for j := i + 1; j < end; j++ {
		switch query[j] {
		case '\\':
			j++
		case q:
			return j + 1
		}
	}
	return -1
}

// isComment reports whether a ```comment``` starts at query[i].
func isComment(query string, i, end int) bool {
	return i+3 <= end && query[i] == '`' && query[i+1] == '`' && query[i+2] == '`'
}

// skipComment returns the offset just past the ```comment``` starting at
// query[i], or -1 when it is not closed before end.
func skipComment(query string, i, end int) int {
	k := strings.Index(query[i+3:end], "```")
	if k < 0 {
		return -1
	}
	return i + 3 + k + 3
}
