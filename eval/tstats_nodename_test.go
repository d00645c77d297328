package eval

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/cim"
)

func TestConstraintTerms(t *testing.T) {
	terms, ok := ConstraintTerms(`action="failure"`)
	assert.True(t, ok)
	assert.Equal(t, [][2]string{{"action", "failure"}}, terms)
	terms, ok = ConstraintTerms(`action=modified change_type=restart`)
	assert.True(t, ok)
	assert.Equal(t, [][2]string{{"action", "modified"}, {"change_type", "restart"}}, terms)
	for _, bad := range []string{`tag=privileged`, `action="updated" OR action="modified"`, `(a=b)`, ``, `x`} {
		_, ok := ConstraintTerms(bad)
		assert.False(t, ok, bad)
	}
}

func TestTstatsNodenameAndModelOnly(t *testing.T) {
	tab := buildTable("Authentication.Authentication",
		ev(10, "user", "alice", "action", "failure"),
		ev(20, "user", "alice", "action", "success"),
		ev(30, "user", "bob", "action", "failure"),
	)
	tables := cim.Tables{"Authentication.Authentication": tab}
	res, err := runQuery(t, `| tstats count from datamodel=Authentication where nodename=Authentication.Failed_Authentication by Authentication.user`, tables)
	require.NoError(t, err)
	assert.Equal(t, []string{"Authentication.user", "count"}, res.Fields)
	assert.Equal(t, []map[string]Value{
		{"Authentication.user": Str("alice"), "count": Num(1)},
		{"Authentication.user": Str("bob"), "count": Num(1)},
	}, records(res.Fields, res.Rows))

	res, err = runQuery(t, `| tstats count from datamodel=Authentication.Authentication where nodename=Authentication by Authentication.action`, tables)
	require.NoError(t, err)
	assert.Len(t, res.Rows, 2, "the root node adds no constraint")

	_, err = runQuery(t, `| tstats count from datamodel=Authentication where nodename=Authentication.No_Such by Authentication.user`, tables)
	assert.ErrorContains(t, err, `unknown node "Authentication.No_Such"`)
	_, err = runQuery(t, `| tstats count from datamodel=Authentication where nodename=Authentication.Privileged_Authentication by Authentication.user`, tables)
	assert.ErrorContains(t, err, "not supported yet")
}
