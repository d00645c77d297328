// Package detections is the only package that knows the security_content
// layout: it loads detection YAML files and macros from a content
// directory, compiles a detection's search (macro expansion, parsing,
// evaluation plan) with errors that point at the file, line and column the
// user wrote — or the macro the text came from — and renders a result's
// risk message.
//
// It also runs a detection's tests as contentctl's unit tests do, without
// Splunk: Content.Test replays each test's attack_data from a local
// mirror of splunk/attack_data (ResolveAttackData), with the test's clock
// set to the data's latest _time plus one second, and Judge decides from
// the risk and threat objects (tags.observable roles Victim and Attacker,
// or rba.risk_objects and rba.threat_objects). Compiled.Explain counts the
// rows each term of the first command's filter keeps, to show which
// condition emptied a result.
package detections
