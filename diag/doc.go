// Package diag is spelunk's one model of a diagnostic: where it is
// (Pos: file, line, column in characters, byte offset), how it is shown
// (Caret: the source line with a caret under the offending character), and
// what it is (Code: a stable spl_* identifier with a Class and a
// one-sentence description).
//
// Every error spelunk reports carries a Code set where the error is raised:
// parser.Error, macros.Error, eval.Error and the detections findings. Tools
// (SARIF rules, CI filters, JSON consumers) key on the code strings, so a
// code is never renamed or removed, only added. The coarse classes
// (invalid, unsupported, refused, limit, io, internal) group the codes for
// callers that only need to know whose fault an error is.
//
// diag imports nothing of the project, so every package can use it.
package diag
