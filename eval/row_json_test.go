package eval

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRowJSON(t *testing.T) {
	row := Row{Str(`a<b & "c"`), Null(), Multi("x", "y"), Num(3)}
	b, err := row.JSON([]string{"cmd", "gone", "mv", "n", "past the row"})
	require.NoError(t, err)
	assert.Equal(t, `{"cmd":"a<b & \"c\"","mv":["x","y"],"n":"3"}`, string(b))
	b, err = Row{}.JSON(nil)
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(b))
}
