// Package detections is the only package that knows the security_content
// layout: it finds detection YAML files under a content directory, reads
// them (name, id, search with its file positions, risk and threat
// objects, tests), checks every detection without data, runs a
// detection's tests as contentctl does, and renders a result's risk
// message.
//
// Searches compile through package query: Open takes the query.Env whose
// ContentDir is the content directory (its macros and lookups are the
// Env's), and Content.Compile is Env.CompileSource over the detection's
// Source, so errors point at the line and column of the YAML or of the
// macro the text came from.
//
// Content.Test runs a detection's tests as contentctl's unit tests do,
// without Splunk: it replays each test's attack_data from a local mirror
// of splunk/attack_data (ResolveAttackData), with the test's clock set to
// the data's latest _time plus one second, and Judge decides from the risk
// and threat objects (tags.observable roles Victim and Attacker, or
// rba.risk_objects and rba.threat_objects). Content.Check expands, parses,
// round-trips and plans every detection and reports each problem as a
// Finding with a stable code.
package detections
