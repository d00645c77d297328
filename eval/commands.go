package eval

import (
	"cmp"
	"slices"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/splcommands"
)

// The command registry: commandTable (commands_table.go) holds one
// commandSpec per command name spelunk decides something about: how to
// compile it, where it may stand, which raw-event columns it reads, or why
// it is refused or unsupported. compileCommand dispatches through it; any
// other name is an unsupported Splunk command or an unknown one
// (commands_known.go).

// CommandStatus says what spelunk does with a command. Its values for
// refused and unsupported commands are the Error.Code the command's
// compile error carries.
type CommandStatus string

// The values of CommandStatus.
const (
	// CommandSupported: spelunk compiles and runs the command.
	CommandSupported CommandStatus = "supported"
	// CommandUnsupported: a Splunk (or app) command spelunk does not
	// implement; compiling it is a CodeUnsupported error.
	CommandUnsupported CommandStatus = CommandStatus(CodeUnsupported)
	// CommandRefused: a command that cannot run locally by design;
	// compiling it is a CodeRefused error giving the reason.
	CommandRefused CommandStatus = CommandStatus(CodeRefused)
)

// CommandPosition says where in a pipeline a command may stand.
type CommandPosition int

// The values of CommandPosition.
const (
	// PositionAnywhere: anywhere. Placed first, a streaming or
	// transforming command reads the events given to the run (Exec's
	// Input) directly, as if after an implicit search.
	PositionAnywhere CommandPosition = iota
	// PositionFirst: a generating command that must start the search
	// (tstats, makeresults, from, datamodel); elsewhere it is a compile
	// error "NAME must be the first command of the search".
	PositionFirst
	// PositionFirstUnlessAppend: first, or anywhere with append=true
	// (inputlookup); the command checks its own option.
	PositionFirstUnlessAppend
)

// String returns "anywhere", "first" or "first-unless-append".
func (p CommandPosition) String() string {
	switch p {
	case PositionAnywhere:
		return "anywhere"
	case PositionFirst:
		return "first"
	case PositionFirstUnlessAppend:
		return "first-unless-append"
	}
	return "CommandPosition(?)"
}

// CommandInfo describes one command name: a read-only view of the
// registry for classifying names outside the evaluator (spelunk check,
// documentation, cross-checks with the parser).
type CommandInfo struct {
	// Name is the command's name as ast.Command.CommandName reports it.
	Name string
	// Aliases are other names Splunk accepts for the same command, which
	// the parser turns into this command's node (bucket for bin, kv for
	// extract).
	Aliases []string
	// Status is what spelunk does with the command.
	Status CommandStatus
	// Reason says why a refused command cannot run locally, or why an
	// unsupported one is not implemented; "" for supported commands and
	// for Splunk commands spelunk merely has not implemented yet.
	Reason string
	// Position is where the command may stand (supported commands).
	Position CommandPosition
	// App names the Splunkbase app of an app command (cyberchef), "" for
	// Splunk's own commands.
	App string
}

// compileEnv is what a command's compile function gets besides its node.
type compileEnv struct {
	first    bool            // the command starts the pipeline
	position CommandPosition // where the command may stand
	opts     *Options        // the compilation's options
	e        *errs           // where to report errors
}

// compileFunc compiles one command; false when c is not the node type the
// command's entry compiles (a hand-built *ast.GenericCommand carrying a
// supported name), which is then treated as an unimplemented command.
type compileFunc func(c ast.Command, env *compileEnv) (stage, bool)

// commandSpec is one entry of the registry.
type commandSpec struct {
	name     string
	aliases  []string
	status   CommandStatus
	reason   string
	position CommandPosition
	// compile compiles the command (supported commands only); see node.
	compile compileFunc
	// columns adds the raw-event fields the command reads to the column
	// projection (projection.go); nil = it may read any field.
	columns columnsFunc
}

// node adapts a compile function of one node type to compileFunc. A
// PositionFirst command anywhere else is reported here, without calling f.
func node[T ast.Command](f func(c T, env *compileEnv) stage) compileFunc {
	return func(c ast.Command, env *compileEnv) (stage, bool) {
		t, ok := c.(T)
		if !ok {
			return nil, false
		}
		if env.position == PositionFirst && !env.first {
			env.e.addf(c.Span(), "%s must be the first command of the search", c.CommandName())
			return nil, true
		}
		return f(t, env), true
	}
}

// info returns the public view of s.
func (s *commandSpec) info() CommandInfo {
	ci := CommandInfo{Name: s.name, Aliases: slices.Clone(s.aliases), Status: s.status, Reason: s.reason, Position: s.position}
	ci.App, _ = splcommands.App(s.name)
	return ci
}

// LookupCommand describes the command called name (lower case, as
// ast.Command.CommandName reports it, or an alias such as bucket): an
// entry of the registry, or a Splunk or app command spelunk does not
// implement (Status CommandUnsupported, no Reason). It reports false for a
// name that is no Splunk command, which compiling calls an unknown command.
func LookupCommand(name string) (CommandInfo, bool) {
	if s, ok := commandTable[name]; ok {
		return s.info(), true
	}
	if app, ok := splcommands.App(name); ok {
		return CommandInfo{Name: name, Status: CommandUnsupported, App: app}, true
	}
	if splcommands.Documented(name) {
		return CommandInfo{Name: name, Status: CommandUnsupported}, true
	}
	return CommandInfo{}, false
}

// Commands lists the registry's entries, sorted by name: every command
// spelunk implements, refuses or declares unsupported with a reason. The
// other Splunk commands (splcommands) are unsupported without one.
func Commands() []CommandInfo {
	var out []CommandInfo
	for name, s := range commandTable {
		if name == s.name { // aliases share their command's entry
			out = append(out, s.info())
		}
	}
	slices.SortFunc(out, func(a, b CommandInfo) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// compileCommand compiles one command; first says whether it starts the
// pipeline. It returns nil after reporting an error.
//
// The command's registry entry decides: refused and unsupported commands
// are errors giving the reason; a supported one is checked for its
// position, then compiled. A name without an entry is an unimplemented
// Splunk command or an unknown one (unknownCommand).
func compileCommand(c ast.Command, first bool, opts *Options, e *errs) stage {
	if c == nil {
		e.addf(ast.Span{Start: ast.NoPos, End: ast.NoPos}, "nil command")
		return nil
	}
	name := c.CommandName()
	s, ok := commandTable[name]
	if !ok {
		unknownCommand(c, e)
		return nil
	}
	switch s.status {
	case CommandRefused:
		e.refused(c.Span(), "command %q is refused: not supported locally: %s", name, s.reason)
		return nil
	case CommandUnsupported:
		e.unsupportedCommand(c.Span(), "command %q is not supported: %s", name, s.reason)
		return nil
	}
	st, ok := s.compile(c, &compileEnv{first: first, position: s.position, opts: opts, e: e})
	if !ok {
		unknownCommand(c, e)
		return nil
	}
	return st
}
