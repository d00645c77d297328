package parser_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/spelunk-dev/spelunk/parser"
)

// contentDir is security_content as shared beside the repository.
const contentDir = "../../shared/content"

// knownFailures lists detections (file base names) whose search does not
// parse, with the reason. The list may only shrink.
var knownFailures = map[string]string{}

// neutralizeMacros replaces each backtick macro call outside double quotes
// with text that parses wherever the macro stood: `search *` where a
// command is expected (at the start, after a pipe or '['), the term "x"
// after '(' or ',' (inside a group or an IN list), else x=1 (a where term,
// or a tstats option such as summariesonly).
func neutralizeMacros(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\': // \" outside quotes is not a string
			b.WriteString(s[i:min(i+2, len(s))])
			i++
		case '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			b.WriteString(s[i:min(j+1, len(s))])
			i = j
		case '`':
			j := strings.IndexByte(s[i+1:], '`')
			if j < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			before := strings.TrimRight(b.String(), " \t\r\n")
			switch {
			case before == "" || strings.HasSuffix(before, "|") || strings.HasSuffix(before, "["):
				b.WriteString("search *")
			case strings.HasSuffix(before, "(") || strings.HasSuffix(before, ","):
				b.WriteString(`"x"`)
			default:
				b.WriteString("x=1")
			}
			i += j + 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func TestCorpus(t *testing.T) {
	if _, err := os.Stat(contentDir); err != nil {
		t.Skipf("security_content not found at %s: %v", contentDir, err)
	}
	var files []string
	err := filepath.WalkDir(filepath.Join(contentDir, "detections"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".yml") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var total, failed int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var det struct {
			Search string `yaml:"search"`
		}
		if err := yaml.Unmarshal(b, &det); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if det.Search == "" {
			continue
		}
		total++
		q := neutralizeMacros(det.Search)
		_, err = parser.Parse(q)
		base := filepath.Base(f)
		if _, known := knownFailures[base]; known {
			if err == nil {
				t.Errorf("%s: listed as a known failure but parses now; remove it from knownFailures", base)
			}
			continue
		}
		if err != nil {
			failed++
			pe := err.(*parser.Error)
			t.Errorf("%s: %v\n%s", f, err, pe.Snippet())
			continue
		}
		t.Run(strings.TrimSuffix(base, ".yml"), func(t *testing.T) { checkRoundTrip(t, q) })
	}
	t.Logf("parsed %d detection searches: %d failed (%.2f%%), %d known failures", total, failed, 100*float64(failed)/float64(max(total, 1)), len(knownFailures))
}
