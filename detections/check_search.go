package detections

import (
	"errors"
	"fmt"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/diag"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/parser"
	"github.com/spelunk-dev/spelunk/query"
)

// builtinFile is the file name the macros package gives its built-in
// definitions; findings never point there (see relocate).
const builtinFile = query.BuiltinFile

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
		msg, code := err.Error(), CodeParseError
		var pe *parser.Error
		if errors.As(err, &pe) {
			pos, msg, code = int(pe.Pos), pe.Msg, pe.Code
		}
		s.add(s.located(x, pos, SeverityError, StageParse, code, msg, ""))
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

// classifyEvalError maps an eval error to its finding code (the code eval
// raised it with), the severity and status its class implies, and its
// subject: the function call the error is about ("strftime()"), else the
// command.
func classifyEvalError(q *ast.Query, e *eval.Error) (code diag.Code, sev Severity, st Status, subject string) {
	code = e.Code
	if code == "" { // an error raised without a code is a compile error
		code = diag.CodeCompileError
	}
	cmd := commandAt(q, e.Span)
	subject = commandNameOf(cmd)
	if code == CodeUnsupportedFunc {
		if fn := callAt(cmd, e.Span); fn != "" {
			subject = fn + "()"
		}
	}
	switch code.Class() {
	case diag.ClassRefused:
		return code, SeverityNote, StatusRefused, subject
	case diag.ClassUnsupported:
		return code, SeverityNote, StatusUnsupported, subject
	case diag.ClassInternal:
		return code, SeverityWarning, StatusUnsupported, subject
	}
	return code, SeverityError, StatusError, subject
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
func (s *searchCheck) located(x *macros.Expansion, pos int, sev Severity, stage Stage, code diag.Code, msg, subject string) Finding {
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

// expandFinding turns an expansion error into a finding with the code the
// macros package raised it with; an unknown macro gets a suggestion of a
// defined one a typo away.
func (s *searchCheck) expandFinding(err error) Finding {
	f := Finding{Severity: SeverityError, Stage: StageExpand, Message: err.Error()}
	var me *macros.Error
	if !errors.As(err, &me) {
		f.Code = CodeMacroSyntax
		f.Loc = macros.Location{File: s.file}
		return f
	}
	f.Loc, f.Macro, f.Message, f.Code = me.Loc, me.Macro, me.Msg, me.Code
	if f.Code == "" {
		f.Code = CodeMacroError
	}
	if f.Code == CodeUnknownMacro && me.Called != "" {
		if near := s.nearMacro(me.Called); near != "" {
			f.Message = fmt.Sprintf("%s; did you mean `%s`?", me.Msg, near)
		}
	}
	f.Snippet = s.fileSnippet(f.Loc)
	return f
}

// fileSnippet shows the line of the detection or macro file at loc with a
// caret under it; "" when the file cannot be read.
func (s *searchCheck) fileSnippet(loc macros.Location) string {
	if loc.File == s.file && s.data != nil {
		return query.FileSnippet(loc, s.data)
	}
	return query.FileSnippet(loc, nil)
}
