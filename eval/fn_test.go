package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/parser"
)

// fnCase evaluates expr on one row: s="a b" (string), n="42" (numeric
// string), f=2.5 (number), m=["x","y","x"] (multivalue); z is null.
type fnCase struct {
	expr string
	want any // string, []string, nil (null), bool
}

var fnCases = []fnCase{
	// conditional
	{`if(n>1, "y", "n")`, "y"}, {`if(z>1, "y", "n")`, "n"}, {`if(true(), m, z)`, []string{"x", "y", "x"}},
	{`case(n=1, "a", n=42, "b")`, "b"}, {`case(z=1, "a")`, nil},
	{`coalesce(z, z, s)`, "a b"}, {`coalesce(z)`, nil}, {`coalesce(m)`, []string{"x", "y", "x"}},
	{`validate(n>1, "e1", z=1, "e2")`, "e2"}, {`validate(true(), "x")`, nil},
	{`null()`, nil}, {`true()`, true}, {`false()`, false},
	{`nullif(n, 42)`, nil}, {`nullif(s, "x")`, "a b"}, {`nullif(z, 1)`, nil},
	{`in(n, 1, 42)`, true}, {`in(z, 1)`, nil}, {`in(m, "y")`, true},
	{`like(s, "a%")`, true}, {`like(s, "A%")`, false}, {`like(z, "%")`, nil}, {`like(m, "y")`, true},
	{`match(s, "^a\s")`, true}, {`match(z, "a")`, nil}, {`match(m, "^y$")`, true}, {`match(s, "(?<=a) b")`, true},
	{`cidrmatch("10.0.0.0/8", "10.9.9.9")`, true}, {`cidrmatch("10.0.0.0/8", z)`, nil}, {`cidrmatch("10.0.0.1", "10.0.0.1")`, true},
	{`cidrmatch("::1/128", "::1")`, true}, {`cidrmatch("10.0.0.0/8", "nope")`, false},
	{`searchmatch("s=\"a b\"")`, true}, {`searchmatch("n=43")`, false},
	// informational
	{`isnull(z)`, true}, {`isnull(m)`, false}, {`isnotnull(s)`, true}, {`isnotnull(z)`, false},
	{`isnum(n)`, true}, {`isnum(s)`, false}, {`isnum(z)`, false}, {`isstr(s)`, true}, {`isstr(n)`, false},
	{`isint(n)`, true}, {`isint(f)`, false}, {`isint(z)`, false}, {`isbool(1=1)`, true}, {`isbool(n)`, false},
	{`typeof(m)`, "Multivalue"}, {`typeof(z)`, "Invalid"},
	{`isarray("[1, 2]")`, true}, {`isarray(m)`, false}, {`isarray(z)`, false}, {`isobject("{\"a\":1}")`, true}, {`isobject(s)`, false}, {`isobject(n)`, false},
	// text
	{`lower("AbC")`, "abc"}, {`lower(z)`, nil}, {`upper(m)`, []string{"X", "Y", "X"}},
	{`len(s)`, "3"}, {`len(z)`, nil}, {`len(m)`, "1"}, {`len(n)`, "2"},
	{`substr(s, 2)`, " b"}, {`substr(s, 0, 2)`, "a"}, {`substr(s, -1)`, "b"}, {`substr(s, 2, -1)`, "a"}, {`substr(z, 1)`, nil}, {`substr(s, z)`, nil},
	{`replace(s, " ", "_")`, "a_b"}, {`replace(z, "a", "b")`, nil}, {`replace(m, "x", "X")`, []string{"X", "y", "X"}}, {`replace(s, "(a) (b)", "\2\1")`, "ba"},
	{`replace("aaa", "a$", "b")`, "aab"},
	{`trim("  x ")`, "x"}, {`ltrim("xxy", "x")`, "y"}, {`rtrim("yxx", "x")`, "y"}, {`trim(z)`, nil},
	{`urldecode("%41%2")`, "A%2"}, {`urldecode(z)`, nil},
	{`printf("%s-%d", s, n)`, "a b-42"}, {`printf("%5.1f|%c|%%", f, 65)`, "  2.5|A|%"}, {`printf(z)`, nil},
	// multivalue
	{`split(s, " ")`, []string{"a", "b"}}, {`split(z, ",")`, nil}, {`split("a", ",")`, "a"},
	{`mvcount(m)`, "3"}, {`mvcount(z)`, nil}, {`mvcount(s)`, "1"},
	{`mvindex(m, 0)`, "x"}, {`mvindex(m, -1)`, "x"}, {`mvindex(m, 3)`, nil}, {`mvindex(m, 1, 5)`, []string{"y", "x"}}, {`mvindex(z, 0)`, nil}, {`mvindex(s, 0)`, "a b"},
	{`mvjoin(m, "+")`, "x+y+x"}, {`mvjoin(z, "+")`, nil}, {`mvjoin(s, "+")`, "a b"},
	{`mvappend(z, s, m)`, []string{"a b", "x", "y", "x"}}, {`mvappend(z)`, nil},
	{`mvdedup(m)`, []string{"x", "y"}}, {`mvdedup(z)`, nil}, {`mvsort(m)`, []string{"x", "x", "y"}}, {`mvsort(z)`, nil},
	{`mvzip(m, m)`, []string{"x,x", "y,y", "x,x"}}, {`mvzip(z, m)`, nil},
	{`mvfind(m, "y")`, "1"}, {`mvfind(z, "y")`, nil},
	{`mvfilter(m="x")`, []string{"x", "x"}}, {`mvfilter(z="x")`, nil}, {`mvfilter(isnotnull(m))`, []string{"x", "y", "x"}},
	{`mvmap(m, m."!")`, []string{"x!", "y!", "x!"}}, {`mvmap(z, z)`, nil},
	{`mvrange(0, 3)`, []string{"0", "1", "2"}}, {`mvrange(z, 3)`, nil},
	// JSON
	{`json("[1]")`, "[1]"}, {`json(z)`, nil}, {`json_valid("{}")`, true}, {`json_valid(z)`, false},
	{`json_object("a", n, "b", z)`, `{"a":42,"b":null}`}, {`json_object(z, 1)`, nil},
	{`json_array(s, m)`, `["a b",["x","y","x"]]`}, {`json_array(z)`, "[null]"},
	{`json_extract("{\"a\":[1,2]}", "a{1}")`, "2"}, {`json_extract(z, "a")`, nil}, {`json_extract("[1]", z)`, nil},
	{`json_extract_exact("{\"a.b\":3}", "a.b")`, "3"}, {`json_extract_exact(z, "a")`, nil},
	{`json_keys("{\"a\":1,\"b\":2}")`, `["a","b"]`}, {`json_keys(z)`, nil},
	{`json_set("{}", "a", n)`, `{"a":42}`}, {`json_set(z, "a", 1)`, nil},
	{`json_set_exact("{}", "a.b", 1)`, `{"a.b":1}`}, {`json_set_exact(z, "a", 1)`, nil},
	{`json_append("[1]", "", 2)`, "[1,2]"}, {`json_append(z, "a", 1)`, nil},
	{`json_extend("{\"l\":[]}", "l", m)`, `{"l":["x","y","x"]}`}, {`json_extend(z, "l", m)`, nil},
	{`json_delete("{\"a\":1,\"b\":2}", "a")`, `{"b":2}`}, {`json_delete(z, "a")`, nil},
	{`json_has_key_exact("{\"a\":1}", "a")`, true}, {`json_has_key_exact(z, "a")`, false},
	{`json_entries("{\"a\":1}")`, `[{"key":"a","value":1}]`}, {`json_entries(z)`, nil},
	{`json_array_to_mv("[\"x\",2]")`, []string{"x", "2"}}, {`json_array_to_mv(z)`, nil},
	{`mv_to_json_array(m)`, `["x","y","x"]`}, {`mv_to_json_array(z)`, "[]"},
	{`spath("{\"a\":{\"b\":5}}", "a.b")`, "5"}, {`spath(z, "a")`, nil},
	{`ipmask("255.255.255.0", "10.20.30.120")`, "10.20.30.0"}, {`ipmask("255.0.0.0", z)`, nil}, {`ipmask("x", "10.0.0.1")`, nil},
	{`commands("search foo | stats count | sort count")`, []string{"search", "stats", "sort"}}, {`commands(z)`, nil},
	{`commands("foo \"a|b\" | eval x=[search y | head 1]")`, []string{"search", "eval"}},
	// math
	{`round(f)`, "3"}, {`round(z)`, nil}, {`round(1.005, 2)`, "1.01"}, {`round(f, -1)`, nil}, {`round(99.995, 2)`, "100"},
	{`floor(f)`, "2"}, {`floor(z)`, nil}, {`ceiling(f)`, "3"}, {`ceil(s)`, nil}, {`abs(-3)`, "3"}, {`abs(z)`, nil},
	// trigonometry, hyperbolic, bitwise
	{`round(acos(0.5), 4)`, "1.0472"}, {`acos(z)`, nil},
	{`round(acosh(2), 4)`, "1.317"}, {`acosh(z)`, nil},
	{`round(asin(0.5), 4)`, "0.5236"}, {`asin(z)`, nil},
	{`round(asinh(1), 4)`, "0.8814"}, {`asinh(z)`, nil},
	{`round(atan(1), 4)`, "0.7854"}, {`atan(z)`, nil},
	{`round(atanh(0.5), 4)`, "0.5493"}, {`atanh(z)`, nil},
	{`round(cos(1), 4)`, "0.5403"}, {`cos(z)`, nil},
	{`round(cosh(1), 4)`, "1.5431"}, {`cosh(z)`, nil},
	{`round(sin(1), 4)`, "0.8415"}, {`sin(z)`, nil},
	{`round(sinh(1), 4)`, "1.1752"}, {`sinh(z)`, nil},
	{`round(tan(1), 4)`, "1.5574"}, {`tan(z)`, nil},
	{`round(tanh(1), 4)`, "0.7616"}, {`tanh(z)`, nil},
	{`round(atan2(1, 2), 4)`, "0.4636"}, {`atan2(z, 1)`, nil}, {`hypot(3, 4)`, "5"}, {`hypot(z, 4)`, nil},
	{`bit_and(12, 9)`, "8"}, {`bit_and(z, 9)`, nil}, {`bit_or(12, 9)`, "13"}, {`bit_or(z, 1)`, nil}, {`bit_xor(12, 9)`, "5"}, {`bit_xor(z, 1)`, nil},
	{`bit_not(12, 15)`, "3"}, {`bit_not(z)`, nil}, {`bit_shift_left(3, 2)`, "12"}, {`bit_shift_left(z, 2)`, nil}, {`bit_shift_right(12, 2)`, "3"}, {`bit_shift_right(z, 2)`, nil},
	{`pow(n, 2)`, "1764"}, {`pow(z, 2)`, nil}, {`sqrt(n)`, "6.48074069840786"}, {`sqrt(z)`, nil},
	{`log(100)`, "2"}, {`log(z)`, nil}, {`log(0)`, nil}, {`ln(1)`, "0"}, {`ln(z)`, nil}, {`exp(0)`, "1"}, {`exp(z)`, nil},
	{`exact(f)`, "2.5"}, {`exact(z)`, nil}, {`sigfig(1.23456789012345678)`, "1.23456789012346"}, {`sigfig(z)`, nil},
	{`min(n, f, "a")`, "2.5"}, {`min(z)`, nil}, {`max(n, f)`, "42"}, {`max(m)`, "y"},
	{`avg(n, f)`, "22.25"}, {`avg(z)`, nil}, {`sum(n, f, m)`, "44.5"}, {`sum(z)`, nil},
	{`pi()`, "3.141592653589793"}, {`ceil(z)`, nil}, {`ceiling(z)`, nil}, {`ltrim(z)`, nil}, {`rtrim(z)`, nil}, {`max(z)`, nil},
	{`sha512(z)`, nil}, {`upper(z)`, nil}, {`isnum(random())`, true},
	// conversion
	{`tostring(n)`, "42"}, {`tostring(z)`, nil}, {`tostring(255, "hex")`, "0xFF"}, {`tostring(5, "binary")`, "101"},
	{`tostring(1234567, "commas")`, "1,234,567"}, {`tostring(59, "duration")`, "00:00:59"}, {`tostring(s, "hex")`, "a b"},
	{`tonumber(n)`, "42"}, {`tonumber(z)`, nil}, {`tonumber("ff", 16)`, "255"}, {`tonumber("0xff", 16)`, "255"}, {`tonumber("12", 1)`, nil}, {`tonumber("1e3")`, "1000"},
	// time
	{`now()`, "1700000000"}, {`strftime(0, "%F %T")`, "1970-01-01 00:00:00"}, {`strftime(z, "%F")`, nil}, {`strftime(s, "%F")`, nil},
	{`strptime("1970-01-02", "%Y-%m-%d")`, "86400"}, {`strptime(z, "%Y")`, nil},
	{`relative_time(0, "+1d")`, "86400"}, {`relative_time(z, "+1d")`, nil}, {`relative_time(0, "bogus")`, nil},
	// crypto
	{`md5("")`, "d41d8cd98f00b204e9800998ecf8427e"}, {`md5(z)`, nil}, {`sha1(z)`, nil}, {`sha256(z)`, nil},
	{`sha512("")`, "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
	// operators with null and multivalue
	{`n + 1`, "43"}, {`z + 1`, nil}, {`"a" + "b"`, "ab"}, {`n . z`, nil}, {`m . "!"`, "x!"}, {`-z`, nil},
	{`z = 1`, nil}, {`NOT z = 1`, nil}, {`z = 1 OR true()`, true}, {`z = 1 AND false()`, false}, {`z = 1 XOR true()`, nil},
	{`m = "y"`, true}, {`m != "y"`, false}, {`n = 42.0`, true}, {`n = "42.0"`, false}, {`s < "b"`, true},
}

func TestFunctions(t *testing.T) {
	rs := fromRecords([]Record{{
		{"s", Str("a b")}, {"n", Str("42")}, {"f", Num(2.5)}, {"m", Multi("x", "y", "x")},
	}})
	opts := &Options{Now: time.Unix(1700000000, 0), Location: time.UTC, RegexTimeout: time.Second}
	env := &runEnv{opts: opts, loc: time.UTC}
	for _, tc := range fnCases {
		x, err := parser.ParseExpr(tc.expr)
		if err != nil {
			t.Errorf("%s: parse: %v", tc.expr, err)
			continue
		}
		var e errs
		p := newExprProg(opts, &e)
		ce := p.compile(x)
		if err := e.err(); err != nil || ce == nil {
			t.Errorf("%s: compile: %v", tc.expr, err)
			continue
		}
		c := newEctx(env, rs, p.bind(rs))
		c.row = rs.rows[0]
		got := ce.fn(c)
		if c.err != nil {
			t.Errorf("%s: %v", tc.expr, c.err)
		}
		var gotAny any
		switch {
		case got.IsNull():
			gotAny = nil
		case got.k == kindBool:
			gotAny = got.f != 0
		case got.IsMulti():
			gotAny = got.Strings()
		default:
			gotAny = got.String()
		}
		if d := diff(tc.want, gotAny); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.expr, d)
		}
	}
}

// TestFunctionTableInStep checks that every function of the signature
// table has an implementation and is exercised by fnCases, with a null
// argument where it takes one.
func TestFunctionTableInStep(t *testing.T) {
	exercised := map[string]bool{}
	withNull := map[string]bool{}
	for _, tc := range fnCases {
		for name := range functions {
			if strings.Contains(tc.expr, name+"(") {
				exercised[name] = true
				if strings.Contains(tc.expr, "(z") || strings.Contains(tc.expr, ", z") {
					withNull[name] = true
				}
			}
		}
	}
	// lookup() needs a lookup table: its cases are in the conformance
	// suite (lookup.spltest).
	exercised["lookup"], withNull["lookup"] = true, true
	for _, name := range FunctionNames() {
		s := functions[name]
		n := 0
		for _, f := range []bool{s.fn != nil, s.ctx != nil, s.special != nil} {
			if f {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d implementations, want exactly 1", name, n)
		}
		if s.max >= 0 && s.max < s.min {
			t.Errorf("%s: arity %d..%d", name, s.min, s.max)
		}
		if !exercised[name] {
			t.Errorf("%s: no test case", name)
		}
		if s.min > 0 && !withNull[name] && !strings.HasPrefix(name, "is") && name != "typeof" && name != "searchmatch" && name != "printf" && name != "true" {
			t.Errorf("%s: no test case with a null argument", name)
		}
	}
}

func TestFunctionCompileErrors(t *testing.T) {
	for expr, want := range map[string]string{
		`lowr(x)`:       "did you mean lower()",
		`if(x, 1)`:      "takes 3 arguments",
		`case(x, 1, y)`: "pairs",
		`substr(x)`:     "2 to 3 arguments",
		`coalesce()`:    "1 argument or more",
		`match(x, "(")`: "bad regular expression",
		`mvfilter(a=b)`: "exactly one field",
		`mvmap("x", 1)`: "a field",
		`cluster(x)`:    "is an SPL2 eval function",
		`zzzzzz(x)`:     "unknown function zzzzzz()",
	} {
		x, err := parser.ParseExpr(expr)
		if err != nil {
			t.Errorf("%s: parse: %v", expr, err)
			continue
		}
		var e errs
		newExprProg(&Options{}, &e).compile(x)
		if err := e.err(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", expr, err, want)
		}
	}
}
