//go:build deps

// Package internal pins the module's dependencies while packages are being
// written; it is never built (the "deps" build tag is never set).
package internal

import (
	_ "github.com/alecthomas/kong"
	_ "github.com/alecthomas/participle/v2"
	_ "github.com/dlclark/regexp2/v2"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/rogpeppe/go-internal/txtar"
	_ "github.com/stretchr/testify/require"
	_ "go.yaml.in/yaml/v3"
)
