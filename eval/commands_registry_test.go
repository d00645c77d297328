package eval

import (
	"slices"
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/internal/splcommands"
	"github.com/spelunk-dev/spelunk/parser"
)

// The cross-check of the command lists, in the manner of a function-list
// test: the parser's table (parser.Commands), the evaluator's registry
// (Commands, LookupCommand) and Splunk's command names (splcommands) must
// agree, so that adding a command to one and forgetting another fails here.

// TestParsedCommandsHaveEntries: every command the parser reads into its
// own node is compiled, or refused or unsupported with a reason.
func TestParsedCommandsHaveEntries(t *testing.T) {
	for _, name := range parser.Commands() {
		info, ok := LookupCommand(name)
		switch {
		case !ok:
			t.Errorf("%s: parser entry but no registry entry (eval/commands_table.go)", name)
		case info.Status == CommandSupported:
		case info.Reason == "":
			t.Errorf("%s: parser entry, but the registry (eval/commands_table.go) neither compiles it nor says why it is %s", name, info.Status)
		}
	}
}

// TestSupportedCommandsAreParsed: every command the evaluator compiles,
// and each alias, has a parser entry (its node exists only if parsed).
func TestSupportedCommandsAreParsed(t *testing.T) {
	parsed := parser.Commands()
	for _, info := range Commands() {
		if info.Status != CommandSupported {
			continue
		}
		for _, n := range append([]string{info.Name}, info.Aliases...) {
			if !slices.Contains(parsed, n) {
				t.Errorf("%s: registry entry (supported) but no parser entry (parser/commands.go)", n)
			}
		}
	}
}

// TestRegistryEntries: refused and unsupported entries give a reason,
// supported ones a compile function; every name is Splunk's.
func TestRegistryEntries(t *testing.T) {
	for name, s := range commandTable {
		switch s.status {
		case CommandSupported:
			if s.compile == nil || s.reason != "" {
				t.Errorf("%s: supported entries have a compile function and no reason", name)
			}
		case CommandRefused, CommandUnsupported:
			if s.reason == "" || s.compile != nil || s.columns != nil {
				t.Errorf("%s: %s entries have a reason and nothing else", name, s.status)
			}
		default:
			t.Errorf("%s: status %q", name, s.status)
		}
	}
	names := parser.Commands()
	for _, info := range Commands() {
		names = append(names, info.Name)
		names = append(names, info.Aliases...)
	}
	for _, n := range names {
		if n == appMacroCommand {
			continue // the macros package's stand-in, refused on purpose
		}
		if _, app := splcommands.App(n); !app && !splcommands.Documented(n) {
			t.Errorf("%s: neither a command of Splunk's Search Reference nor an app command (internal/splcommands)", n)
		}
	}
}

// TestFirstCommandsLeadSubsearches: a command that must come first
// generates results, so the parser lets it start a [subsearch] without
// '|' (else `append [tstats ...]` would search for the word tstats).
func TestFirstCommandsLeadSubsearches(t *testing.T) {
	for _, info := range Commands() {
		if info.Status != CommandSupported || info.Position == PositionAnywhere {
			continue
		}
		q, err := parser.Parse("| makeresults | append [" + info.Name + " x]")
		if err != nil {
			continue // parsed as the command, whose grammar rejects x
		}
		sub := q.Commands[1].(*ast.AppendCommand).Subsearch
		if _, isSearch := sub.Commands[0].(*ast.SearchCommand); isSearch {
			t.Errorf("%s: must come first, but the parser reads `[%s x]` as a search", info.Name, info.Name)
		}
	}
}
