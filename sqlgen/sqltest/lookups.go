package sqltest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/lookups"
	"github.com/spelunk-dev/spelunk/query"
)

// Lookups gives the generator the lookup definitions and the engine the
// rows, from a content directory's lookups/. The zero value has none.
type Lookups struct {
	// Resolver is the definitions, for sqlgen.Options.Lookups.
	Resolver eval.LookupResolver
	// Dir is the content directory.
	Dir string
}

// LookupsOf is the lookups of env's content directory.
func LookupsOf(env *query.Env) Lookups {
	return Lookups{Resolver: env.EvalOptions().Lookups, Dir: env.Config().ContentDir}
}

// Rows reads lookup name's CSV: the definition's file, else NAME.csv.
func (l Lookups) Rows(name string) ([]string, [][]string, error) {
	r, err := lookups.Open(l.Dir)
	if err != nil {
		return nil, nil, err
	}
	file := name
	for _, d := range r.Definitions() {
		if d.Name == name && d.Filename != "" {
			file = d.Filename
		}
	}
	if !strings.HasSuffix(file, ".csv") {
		file += ".csv"
	}
	data, err := os.ReadFile(filepath.Join(l.Dir, "lookups", file))
	if err != nil {
		return nil, nil, err
	}
	return lookups.ReadCSV(data)
}

// ConformanceContent writes a content directory with four lookups: an
// exact one, case-insensitive, with a default match; a wildcard one; a
// case-insensitive one of two wildcard inputs with max_matches=2 and
// values of several '*'; and an exact, case-sensitive one of two inputs
// with max_matches=1.
func ConformanceContent(t testing.TB) string {
	dir := t.TempDir()
	files := map[string]string{
		"users.yml": "name: users\nfilename: users.csv\ncase_sensitive_match: false\nmin_matches: 1\ndefault_match: unknown\n",
		"users.csv": "user,role,team\nbob,admin,red\nBOB,operator,\nalice,,blue\n",
		"procs.yml": "name: procs\nfilename: procs.csv\nmatch_type: WILDCARD(pattern)\n",
		"procs.csv": "pattern,kind\n*cmd*,shell\npowershell*,shell\n*.exe,binary\n",
		"paths.yml": "name: paths\nfilename: paths.csv\nmatch_type: WILDCARD(path), WILDCARD(host)\ncase_sensitive_match: false\nmax_matches: 2\n",
		"paths.csv": "path,host,note\n*c*w*n*o*s*s*t*3*,*,many\n*windows*system32*rundll32*,*,sys\ncmd*/c*,h*,cmdc\n*,h2,any-h2\n*x*1,*,x1\n**,10.0.0.5,ip\nnet user,*,exact\n*/c*,*,slash-c\n",
		"hosts.yml": "name: hosts\nfilename: hosts.csv\nmax_matches: 1\n",
		"hosts.csv": "dest,user,owner\nh1,bob,ops\nh1,bob,sec\nh2,,net\nH1,Bob,caps\nh1,alice,\n10,x,ten\n",
	}
	if err := os.MkdirAll(filepath.Join(dir, "lookups"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, "lookups", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
