// Package detections is the only package that knows the security_content
// layout: it loads detection YAML files and macros from a content
// directory, compiles a detection's search (macro expansion, parsing,
// evaluation plan) with errors that point at the file, line and column the
// user wrote — or the macro the text came from — and renders a result's
// risk message.
package detections
