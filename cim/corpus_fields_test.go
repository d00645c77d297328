package cim_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
)

// datamodelRef finds the dataset a search names: datamodel=X, datamodel:X,
// `from datamodel X`, with X optionally quoted.
var datamodelRef = regexp.MustCompile(`datamodel\s*[=:]?\s*"?([A-Za-z_]+(?:\.[A-Za-z_]+)?)"?`)

// notCIM are references corpus detections write that no CIM version
// declares (the CIM names are in parentheses): in Splunk they are always
// null, so cim must not declare them either.
var notCIM = []string{
	"Authentication.method",       // (authentication_method), Okta detections
	"Processes.orig_process_name", // (original_file_name)
	"Processes.path",              // (process_path)
	"DNS.flow_id",                 // Network_Traffic has flow_id; DNS does not
}

// baseFields are inherited by every dataset and may be written with a
// dataset prefix.
var baseFields = []string{"_time", "host", "source", "sourcetype"}

// TestCorpusDatamodelFields checks that every <Root>.<field> a corpus
// detection's search (macros expanded) writes for a data-model dataset it
// queries is declared by cim: a field of the root, a field a child declares
// (All_Certificates.SSL.ssl_issuer), a base field, or a child path
// (nodename=All_Sessions.DHCP). A root field written under a child's path
// (All_Certificates.SSL.dest) is accepted and logged [U: Splunk may name
// inherited fields only under the root's prefix]. Datasets of models cim
// does not define (UEBA, Change_Analysis, Identity_Management) are logged.
func TestCorpusDatamodelFields(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "content")
	if _, err := os.Stat(filepath.Join(dir, "detections")); err != nil {
		t.Skipf("security_content corpus not available at %s: %v", dir, err)
	}
	env, err := query.New(query.Config{ContentDir: dir, AppMacros: true})
	if err != nil {
		t.Fatal(err)
	}
	content, err := detections.Open(env)
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := content.Detections()
	if err != nil {
		t.Fatal(err)
	}
	missing := map[string][]string{} // "Dataset: Root.field" -> detection files
	var inherited, undefined []string
	checked := 0
	for _, d := range ds {
		text := d.Search
		if x, err := env.Expand(d.Source()); err == nil {
			text = x.Text
		}
		var roots []*cim.Dataset
		for _, m := range datamodelRef.FindAllStringSubmatchIndex(text, -1) {
			name := text[m[2]:m[3]]
			ref, ok := cim.LookupDataset(name)
			if !ok {
				model, _, _ := strings.Cut(name, ".")
				if slices.Contains(cim.Models(), model) {
					// a model cim defines: the dataset must resolve (children via nodename)
					missing["dataset "+name] = append(missing["dataset "+name], d.File)
				} else {
					undefined = append(undefined, name+" ("+filepath.Base(d.File)+")")
				}
				continue
			}
			roots = append(roots, ref)
			// blank the dataset name so Web.Web is not read as a field
			text = text[:m[2]] + strings.Repeat(" ", m[3]-m[2]) + text[m[3]:]
		}
		for _, root := range roots {
			for _, ref := range fieldRefs(text, root.Name) {
				checked++
				switch ok, viaChild := declared(root, ref); {
				case !ok && slices.Contains(notCIM, root.Name+"."+ref):
				case !ok:
					key := root.FullName() + ": " + root.Name + "." + ref
					missing[key] = append(missing[key], filepath.Base(d.File))
				case viaChild:
					inherited = append(inherited, root.Name+"."+ref+" ("+filepath.Base(d.File)+")")
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no data-model field references found in the corpus")
	}
	t.Logf("%d field references checked", checked)
	if len(inherited) > 0 {
		t.Logf("root fields written under a child path [U]: %s", strings.Join(uniq(inherited), ", "))
	}
	if len(undefined) > 0 {
		t.Logf("datasets of models cim does not define: %s", strings.Join(uniq(undefined), ", "))
	}
	keys := make([]string, 0, len(missing))
	for k := range missing {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("not declared: %s (in %s)", k, strings.Join(uniq(missing[k]), ", "))
	}
}

// fieldRefs returns the text after "<root>." of each reference to root in
// text: "process_name", "SSL.ssl_issuer". Wildcards (Processes.*) are
// skipped.
func fieldRefs(text, root string) []string {
	var out []string
	prefix := root + "."
	for i := 0; ; {
		j := strings.Index(text[i:], prefix)
		if j < 0 {
			return out
		}
		start := i + j
		i = start + len(prefix)
		if start > 0 && isNameByte(text[start-1]) || start > 0 && text[start-1] == '.' {
			continue // part of a longer name (Web.Web's second Web, X.Processes.)
		}
		end := i
		for end < len(text) && (isNameByte(text[end]) || text[end] == '.') {
			end++
		}
		if end < len(text) && text[end] == '*' {
			continue
		}
		if ref := strings.TrimRight(text[i:end], "."); ref != "" {
			out = append(out, ref)
		}
	}
}

func isNameByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// declared reports whether ref (the text after the root prefix) names a
// field, a base field or a child of root, optionally under a child path;
// viaChild is true for a root-owned field written under a child's path.
func declared(root *cim.Dataset, ref string) (ok, viaChild bool) {
	if _, ok := root.Field(ref); ok || slices.Contains(baseFields, ref) {
		return true, false
	}
	if _, ok := root.Node(root.Name + "." + ref); ok {
		return true, false // a child path
	}
	// <child path>.<field>: a base or root field inherited by the child
	if i := strings.LastIndexByte(ref, '.'); i > 0 {
		if _, ok := root.Node(root.Name + "." + ref[:i]); ok {
			f := ref[i+1:]
			if slices.Contains(baseFields, f) {
				return true, true
			}
			if fd, ok := root.Field(f); ok && fd.Owner == "" {
				return true, true
			}
		}
	}
	return false, false
}

func uniq(s []string) []string {
	sort.Strings(s)
	return slices.Compact(s)
}
