package macros

import (
	_ "embed"
	"slices"
	"strings"
)

// AppMacroPlaceholder names the stand-in that Expand writes for a known app
// macro when Options.AppMacros is set:
//
//   - where a command is expected (after '|'), a command
//     `spelunk_app_macro macro="get_asset(1)" app="SA-IdentityManagement"`;
//   - anywhere else (search terms, a tstats where clause), the search term
//     `spelunk_app_macro="cim_corporate_web_domain_search(1)"`.
//
// Both parse as ordinary SPL, so the rest of the search can still be parsed
// and checked. An evaluator should refuse either form (the macro's real
// effect is unknown) with the macro and app they name; running them as a
// no-op would silently change what the detection finds.
const AppMacroPlaceholder = "spelunk_app_macro"

// AppMacro describes a macro that detections call but that ships with a
// Splunk app rather than with security_content.
type AppMacro struct {
	Name    string   // macro name
	Args    []string // argument names; the macro's arity is len(Args)
	App     string   // app directory, e.g. SA-IdentityManagement
	Product string   // product the app belongs to, e.g. Splunk Enterprise Security
	Use     string   // what the macro does, lower case
}

// Stanza returns the macros.conf stanza name: `name` or `name(N)`.
func (a AppMacro) Stanza() string { return stanzaName(a.Name, len(a.Args)) }

//go:embed appmacros.tsv
var appMacrosTSV string

// appMacros is the parsed table, keyed by name and arity; never mutated.
var appMacros = parseAppMacros(appMacrosTSV)

func parseAppMacros(tsv string) map[key]AppMacro {
	out := map[key]AppMacro{}
	for line := range strings.SplitSeq(tsv, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			continue
		}
		a := AppMacro{Name: f[0], App: f[2], Product: f[3], Use: f[4]}
		if f[1] != "-" {
			a.Args = strings.Split(f[1], ",")
		}
		out[key{a.Name, len(a.Args)}] = a
	}
	return out
}

// KnownAppMacros returns the built-in table of macros that ship with
// Splunk apps (Enterprise Security, the CIM app, URL Toolbox), sorted by
// stanza name. Expand consults it only for calls the Library cannot
// resolve.
func KnownAppMacros() []AppMacro {
	out := make([]AppMacro, 0, len(appMacros))
	for _, a := range appMacros {
		a.Args = append([]string(nil), a.Args...)
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b AppMacro) int { return strings.Compare(a.Stanza(), b.Stanza()) })
	return out
}

// Warning is a problem that did not stop an expansion: a call to a known
// app macro that the library does not define, expanded to a placeholder.
type Warning struct {
	Loc   Location // where the call (its opening backtick) was written
	Macro string   // stanza name of the called macro, e.g. get_asset(1)
	App   string   // the app that ships it, e.g. SA-IdentityManagement
	Msg   string   // lower-case message without position
}

// String renders w as "loc: msg".
func (w Warning) String() string {
	if s := w.Loc.String(); s != "" {
		return s + ": " + w.Msg
	}
	return w.Msg
}

// appMacroMsg explains where an undefined app macro comes from.
func appMacroMsg(a AppMacro) string {
	return "macro `" + a.Stanza() + "` ships with " + a.Product + " (app " + a.App +
		"), not with security_content; define it with --macros FILE"
}

// placeholder returns the stand-in text for a, in command form when
// command is true.
func (a AppMacro) placeholder(command bool) string {
	if command {
		return AppMacroPlaceholder + ` macro="` + a.Stanza() + `" app="` + a.App + `"`
	}
	return AppMacroPlaceholder + `="` + a.Stanza() + `"`
}
