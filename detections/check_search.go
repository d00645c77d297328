package detections

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/parser"
	"github.com/spelunk-dev/spelunk/query"
)

// builtinFile is the file name the macros package gives its built-in
// definitions; findings never point there (see relocate).
const builtinFile = "<builtin>"

// searchCheck runs the stages of Check on one detection's search.
type searchCheck struct {
	env  *query.Env
	lib  *macros.Library // env's macros, for suggestions
	opts CheckOptions
	file string // the detection file
	data []byte // its text, for snippets of expansion errors
	dc   *DetectionCheck
}

func (s *searchCheck) add(f Finding) { s.dc.Findings = append(s.dc.Findings, f) }

// run expands, parses, round-trips and compiles search, whose bytes locate
// maps to where they were written, recording findings and the stages
// passed, and sets the status.
func (s *searchCheck) run(search string, locate func(int) macros.Location) {
	dc := s.dc
	x, err := s.env.Expand(query.Source{Text: search, Locate: locate})
	if err != nil {
		f := s.expandFinding(err)
		s.add(f)
		dc.Status = StatusError
		return
	}
	dc.Expanded = true
	for _, w := range s.expansionWarnings(x) {
		s.add(w)
	}
	q, err := parser.Parse(x.Text)
	if err != nil {
		pos := 0
		msg := err.Error()
		var pe *parser.Error
		if errors.As(err, &pe) {
			pos, msg = int(pe.Pos), pe.Msg
		}
		s.add(s.located(x, pos, SeverityError, StageParse, CodeParseError, msg, ""))
		dc.Status = StatusError
		return
	}
	dc.Parsed = true
	if p := checkRoundTrip(q); p != nil {
		pos := 0
		if p.Command < len(q.Commands) {
			pos = int(q.Commands[p.Command].Span().Start)
		}
		s.add(s.located(x, pos, SeverityWarning, StageRoundTrip, CodeRoundTrip, p.Msg, commandName(q, p.Command)))
	} else {
		dc.RoundTripped = true
	}
	dc.Status = s.compile(x, q)
}

// compile plans q with eval and classifies the outcome.
func (s *searchCheck) compile(x *macros.Expansion, q *ast.Query) Status {
	_, err := s.env.Plan(q)
	if err == nil {
		return StatusRunnable
	}
	var list eval.ErrorList
	var one *eval.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = eval.ErrorList{one}
	default: // an internal error of eval: spelunk's bug, not the search's
		s.add(s.located(x, int(q.Loc.Start), SeverityWarning, StageCompile, CodeInternalError,
			"spelunk failed compiling this search: "+err.Error(), ""))
		return StatusUnsupported
	}
	status := StatusRunnable
	for _, e := range list {
		code, sev, st, subject := classifyEvalError(q, e)
		s.add(s.located(x, int(e.Span.Start), sev, StageCompile, code, e.Msg, subject))
		status = worse(status, st)
	}
	return status
}

// worse returns the status that wins when a search has problems of both
// kinds: error over refused (it can never run) over unsupported.
func worse(a, b Status) Status {
	rank := func(s Status) int {
		switch s {
		case StatusError:
			return 3
		case StatusRefused:
			return 2
		case StatusUnsupported:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// classifyEvalError maps an eval error to a finding code, severity, the
// status it implies, and its subject (the command or function it is
// about).
//
// An error without a Code counts as unsupported when its message says "not
// supported", else as invalid: a transition rule while eval learns to
// classify all its errors (eval.Error documents an empty Code as invalid).
func classifyEvalError(q *ast.Query, e *eval.Error) (code string, sev Severity, st Status, subject string) {
	kind := e.Code
	if kind == "" {
		kind = eval.CodeInvalid
		if strings.Contains(e.Msg, "not supported") {
			kind = eval.CodeUnsupported
		}
	}
	cmd := commandAt(q, e.Span)
	switch kind {
	case eval.CodeRefused:
		return CodeRefused, SeverityNote, StatusRefused, commandNameOf(cmd)
	case eval.CodeUnsupported:
		if fn := callAt(cmd, e.Span); fn != "" {
			return CodeUnsupportedFunc, SeverityNote, StatusUnsupported, fn + "()"
		}
		if cmd != nil && cmd.Span() == e.Span {
			return CodeUnsupportedCommand, SeverityNote, StatusUnsupported, cmd.CommandName()
		}
		return CodeUnsupported, SeverityNote, StatusUnsupported, commandNameOf(cmd)
	}
	return CodeCompileError, SeverityError, StatusError, commandNameOf(cmd)
}

// commandAt returns the top-level command of q whose span holds sp.Start,
// or nil.
func commandAt(q *ast.Query, sp ast.Span) ast.Command {
	for _, c := range q.Commands {
		if cs := c.Span(); cs.Start <= sp.Start && sp.Start < max(cs.End, cs.Start+1) {
			return c
		}
	}
	return nil
}

// callAt returns the name of the function call in cmd that starts at
// sp.Start and ends at sp.End, or "".
func callAt(cmd ast.Command, sp ast.Span) string {
	if cmd == nil {
		return ""
	}
	name := ""
	ast.InspectExprs(cmd, func(e ast.Expr) bool {
		if c, ok := e.(*ast.CallExpr); ok && c.Loc == sp {
			name = c.Name
		}
		return name == ""
	})
	return name
}

func commandNameOf(c ast.Command) string {
	if c == nil {
		return ""
	}
	return c.CommandName()
}

func commandName(q *ast.Query, i int) string {
	if i < 0 || i >= len(q.Commands) {
		return ""
	}
	return q.Commands[i].CommandName()
}

// located builds a finding for byte pos of the expanded search.
func (s *searchCheck) located(x *macros.Expansion, pos int, sev Severity, stage Stage, code, msg, subject string) Finding {
	se := query.Positioned(string(stage), x, pos, msg)
	f := Finding{
		Severity: sev, Stage: stage, Code: code, Message: msg, Subject: subject,
		Loc: se.Loc, Macro: se.Macro, Via: viaCalls(se.Via), Snippet: se.Snippet,
	}
	relocate(&f)
	return f
}

// relocate moves a finding that points into a built-in macro (which has no
// file) to the innermost call written in a real file.
func relocate(f *Finding) {
	if f.Loc.File != builtinFile {
		return
	}
	for i := len(f.Via) - 1; i >= 0; i-- {
		if f.Via[i].Loc.File != builtinFile {
			f.Loc = f.Via[i].Loc
			return
		}
	}
}

// expandFinding turns an expansion error into a finding. The macros
// package has no error codes, so the code is read from the message's
// wording (tested in check_test.go).
func (s *searchCheck) expandFinding(err error) Finding {
	f := Finding{Severity: SeverityError, Stage: StageExpand, Message: err.Error(), Code: CodeUnknownMacro}
	var me *macros.Error
	if !errors.As(err, &me) {
		f.Code = CodeMacroSyntax
		f.Loc = macros.Location{File: s.file}
		return f
	}
	f.Loc, f.Macro, f.Message = me.Loc, me.Macro, me.Msg
	msg := me.Msg
	switch {
	case strings.HasPrefix(msg, "unknown macro"):
		f.Code = CodeUnknownMacro
		if name := backquoted(msg); name != "" {
			if near := s.nearMacro(name); near != "" {
				f.Message = fmt.Sprintf("%s; did you mean `%s`?", msg, near)
			}
		}
	case strings.HasPrefix(msg, "wrong number of arguments"):
		f.Code = CodeMacroArity
	case strings.HasPrefix(msg, "macro cycle"):
		f.Code = CodeMacroCycle
	case strings.Contains(msg, "too deeply"), strings.Contains(msg, "too many macro"), strings.Contains(msg, "too large"):
		f.Code = CodeMacroLimit
	case strings.HasPrefix(msg, "unterminated macro call"), strings.HasPrefix(msg, "malformed macro call"):
		f.Code = CodeMacroSyntax
	default: // invalid arguments, iseval and validation failures, ...
		f.Code = CodeMacroError
	}
	f.Snippet = s.fileSnippet(f.Loc)
	return f
}

// fileSnippet shows the line of the detection or macro file at loc with a
// caret under it; "" when the file cannot be read.
func (s *searchCheck) fileSnippet(loc macros.Location) string {
	switch loc.File {
	case s.file:
		return lineSnippet(string(s.data), loc)
	case "", builtinFile:
		return ""
	}
	data, err := os.ReadFile(loc.File)
	if err != nil {
		return ""
	}
	return lineSnippet(string(data), loc)
}

// backquoted returns the first `quoted` word of msg.
func backquoted(msg string) string {
	_, rest, ok := strings.Cut(msg, "`")
	if !ok {
		return ""
	}
	name, _, ok := strings.Cut(rest, "`")
	if !ok {
		return ""
	}
	return name
}

// lineSnippet shows line loc.Line of text with a caret under column
// loc.Col, in the style of SearchError snippets.
func lineSnippet(text string, loc macros.Location) string {
	if loc.Line <= 0 {
		return ""
	}
	start := 0
	for range loc.Line - 1 {
		i := strings.IndexByte(text[start:], '\n')
		if i < 0 {
			return ""
		}
		start += i + 1
	}
	end := strings.IndexByte(text[start:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += start
	}
	line := strings.TrimRight(text[start:end], "\r")
	return query.CaretSnippet(line, min(max(loc.Col-1, 0), len(line)))
}
